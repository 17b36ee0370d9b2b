package io.warden.core.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.warden.rules.config.Redaction;
import io.warden.rules.config.RedisConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.health.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one connection of this Warden to the shared Redis, and whether it is usable right now.
 *
 * <p>Every command is asynchronous (lettuce) with a deadline of {@code redis.timeoutMillis}; no
 * caller ever waits for Redis on an event-loop thread. The first failed or late command marks the
 * link down at once: the members fall back to local state, an integrity event
 * ({@code dependency_down}) is emitted and health turns {@code degraded}. A background thread
 * ({@code warden-redis}) then reconnects every half second; once Redis answers, each member
 * rejoins ({@link Member#joined}: loads the shared state, re-publishes what changed here
 * meanwhile) and {@code dependency_restored} is emitted. The same thread runs the members'
 * periodic work and a heartbeat that counts the live instances.
 */
public final class RedisLink implements AutoCloseable {

    /** A part of the shared state; its methods run on the link's own thread and may wait there. */
    public interface Member {

        /** Redis is reachable (first connect or return): load shared state, publish own changes. */
        void joined(RedisLink link) throws Exception;

        /** Periodic work, every {@code redis.syncInterval}, only while the link is up. */
        default void sync(RedisLink link) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final long HEARTBEAT_MILLIS = 500;
    private static final long INSTANCE_TTL_MILLIS = 3_000;

    private final RedisConfig config;
    private final EventSink events;
    private final EventFactory eventFactory;
    private final InstantSource clock;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService thread;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private final Map<String, String> scriptShas = new ConcurrentHashMap<>();
    private final LongAdder roundTrips = new LongAdder();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger liveInstances = new AtomicInteger(1);
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean up;
    private volatile boolean everUp;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean closed;

    public RedisLink(RedisConfig config, EventSink events, EventFactory eventFactory, InstantSource clock) {
        this.config = config;
        this.events = events;
        this.eventFactory = eventFactory;
        this.clock = clock;
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        RedisURI uri = RedisURI.create(config.url());
        if (config.password() != null) {
            // REDIS_PASSWORD wins over a password in the URL; an ACL user named in the URL stays
            String user = uri.getCredentialsProvider() == null ? null
                    : uri.getCredentialsProvider().resolveCredentials().blockOptional()
                            .map(RedisCredentials::getUsername).orElse(null);
            uri.setCredentialsProvider(new StaticCredentialsProvider(user,
                    config.password().toCharArray()));
        }
        uri.setTimeout(timeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                // connecting happens on the link's own thread only, so a cold start may take its time
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(
                        Math.max(config.timeoutMillis(), 3000))).tcpNoDelay(true).build())
                .build());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-redis");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a member; call before {@link #start}. */
    public void add(Member member) {
        members.add(member);
    }

    /** Receives the messages of a pub/sub channel on a lettuce thread; call before {@link #start}. */
    public void subscribe(String channel, Consumer<String> handler) {
        channels.put(channel, handler);
    }

    /**
     * Tries to connect once (on the caller's thread, never an event loop: Warden's start), then keeps
     * trying in the background; Warden serves on local state meanwhile.
     */
    public void start() {
        thread.execute(this::heartbeat);
        thread.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        long sync = config.syncInterval().toNanos();
        thread.scheduleWithFixedDelay(this::syncMembers, sync, sync, TimeUnit.NANOSECONDS);
        // wait (bounded) for the first attempt, so a Warden that can reach Redis starts in cluster mode
        try {
            thread.submit(() -> { }).get(Math.max(5_000, 3 * config.timeoutMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Redis not reached at start; serving on local state and retrying in the background");
        }
    }

    public boolean up() {
        return up;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The key or channel name with {@code redis.keyPrefix}. */
    public String key(String name) {
        return config.keyPrefix() + name;
    }

    /** Instances that sent a heartbeat within the last seconds, as last seen; at least 1. */
    public int liveInstances() {
        return liveInstances.get();
    }

    /** Commands sent to Redis since start, each one a round trip (pipelined or not). */
    public long roundTrips() {
        return roundTrips.sum();
    }

    /**
     * Runs one command with the deadline; a failure (timeout, connection lost, error reply other
     * than a script's) marks the link down. Fails at once, without sending, while the link is down.
     */
    public <T> CompletionStage<T> call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, String> c = connection;
        if (!up || c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
        }
        roundTrips.increment();
        CompletableFuture<T> result;
        try {
            result = command.apply(c.async()).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.orTimeout(config.timeoutMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        lost(e);
                    }
                });
    }

    /** Runs a Lua script by its digest, loading it first if Redis does not know it (after a restart). */
    public <T> CompletionStage<T> eval(String script, ScriptOutputType type, String[] keys, String... args) {
        String sha = scriptShas.computeIfAbsent(script, RedisLink::sha1);
        StatefulRedisConnection<String, String> c = connection;
        if (!up || c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
        }
        roundTrips.increment();
        CompletableFuture<T> first = c.async().<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return first.handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(v);
            }
            if (String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                return this.<T>call(cmd -> cmd.eval(script, type, keys, args)).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(e);
        }).thenCompose(Function.identity())
                .orTimeout(config.timeoutMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        lost(e);
                    }
                });
    }

    /** Waits for a command on the link's own thread (members' {@code joined}), with the deadline. */
    public <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(config.timeoutMillis() * 2, TimeUnit.MILLISECONDS);
    }

    public ComponentHealth health() {
        if (up) {
            return ComponentHealth.ok("connected to " + Redaction.url(config.url()) + ", " + liveInstances()
                    + " live instances, " + roundTrips() + " round trips");
        }
        return new ComponentHealth(HealthStatus.DEGRADED, "Redis unreachable (" + lastProblem
                + "): serving on local state, reconnecting; " + failures.get() + " failures since start");
    }

    private void syncMembers() {
        if (!up) {
            return;
        }
        for (Member m : members) {
            try {
                m.sync(this);
            } catch (RuntimeException e) {
                LOG.error("cluster sync of {} failed", m.getClass().getSimpleName(), e);
            }
        }
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        try {
            if (connection == null || !connection.isOpen()) {
                connect();
            }
            String instances = key("instances");
            long now = clock.millis();
            StatefulRedisConnection<String, String> c = connection;
            roundTrips.increment();
            c.async().zadd(instances, now, instanceId);
            c.async().zremrangebyscore(instances, Range.create(0, now - INSTANCE_TTL_MILLIS));
            Long count = c.async().zcard(instances).get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
            if (!up) {
                rejoin();
            }
            liveInstances.set((int) Math.max(1, count));
        } catch (Exception e) {
            lost(e);
        }
    }

    private void connect() {
        closeConnections();
        StatefulRedisConnection<String, String> c = client.connect();
        c.setTimeout(timeout);
        StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
        p.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Consumer<String> handler = channels.get(channel);
                if (handler != null) {
                    try {
                        handler.accept(message);
                    } catch (RuntimeException e) {
                        LOG.warn("bad message on Redis channel {}: {}", channel, e.toString());
                    }
                }
            }
        });
        if (!channels.isEmpty()) {
            try {
                p.async().subscribe(channels.keySet().toArray(String[]::new))
                        .get(config.timeoutMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.closeAsync();
                c.closeAsync();
                throw new IllegalStateException("cannot subscribe: " + e.getMessage(), e);
            }
        }
        this.connection = c;
        this.pubSub = p;
    }

    /** Runs on the link's thread, the connection fresh: members load and re-publish, then the link is up. */
    private void rejoin() throws Exception {
        up = true;
        for (Member m : members) {
            m.joined(this);
        }
        boolean returned = everUp;
        everUp = true;
        LOG.info("Redis {} ({}): cluster state shared, instance {}", returned ? "reachable again" : "connected",
                Redaction.url(config.url()), instanceId);
        if (returned) {
            events.emit(eventFactory.create(EventType.DEPENDENCY_RESTORED, ThreatLevel.LOW, null, null, null,
                    Map.of("dependency", "redis", "instance", instanceId)));
        }
    }

    private void lost(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null
                ? e.getCause() : e;
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String problem = cause instanceof TimeoutException
                ? "no answer within " + config.timeoutMillis() + " ms" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + Redaction.url(cause.getMessage()))
                + (root == cause ? "" : " (" + root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : ": " + Redaction.url(root.getMessage())) + ")");
        failures.incrementAndGet();
        lastProblem = problem;
        boolean wasUp = up;
        up = false;
        if (wasUp) {
            LOG.warn("Redis lost ({}): falling back to local state, reconnecting in the background", problem);
            events.emit(eventFactory.create(EventType.DEPENDENCY_DOWN, ThreatLevel.HIGH, null, null, null,
                    Map.of("dependency", "redis", "instance", instanceId, "problem", problem,
                            "fallback", "local state, limits divided by " + liveInstances() + " instances")));
            // a late answer on a live socket would keep it open; start afresh on the next heartbeat
            if (!closed) {
                thread.execute(this::closeConnections);
            }
        } else if (!everUp && failures.get() == 1) {
            LOG.warn("Redis not reachable ({}): serving on local state until it is", problem);
            events.emit(eventFactory.create(EventType.DEPENDENCY_DOWN, ThreatLevel.HIGH, null, null, null,
                    Map.of("dependency", "redis", "instance", instanceId, "problem", problem)));
        }
    }

    private void closeConnections() {
        StatefulRedisConnection<String, String> c = connection;
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        connection = null;
        pubSub = null;
        if (c != null) {
            c.closeAsync();
        }
        if (p != null) {
            p.closeAsync();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c != null && up) {
            try {
                c.async().zrem(key("instances"), instanceId).get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("could not leave the instance set: {}", e.toString());
            }
        }
        up = false;
        closeConnections();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
