package io.warden.core.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.warden.admin.AdminRoutes;
import io.warden.admin.AdminServer;
import io.warden.admin.BearerToken;
import io.warden.admin.HealthEndpoint;
import io.warden.core.http.DataPlanePolicy;
import io.warden.core.http.FrontendInitializer;
import io.warden.core.http.ProxyServices;
import io.warden.core.log.AccessLog;
import io.warden.core.log.SecurityLog;
import io.warden.core.monitor.BlockListControl;
import io.warden.core.monitor.Monitoring;
import io.warden.core.monitor.RevocationControl;
import io.warden.core.state.EventBus;
import io.warden.core.upstream.UpstreamConnector;
import io.warden.core.upstream.UpstreamPool;
import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.config.HostPort;
import io.warden.rules.config.UpstreamConfig;
import io.warden.rules.config.UpstreamPoolConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running proxy: the composition root that builds every part from one configuration, binds
 * the listeners, and stops gracefully. One instance per process in production; tests start as
 * many as they need, on port 0.
 */
public final class Warden implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Warden.class);
    private static final int EVENT_QUEUE = 65_536;

    private final WardenConfig config;
    private final Lifecycle lifecycle = new Lifecycle();
    private final DataPlaneMetrics metrics = new DataPlaneMetrics();
    private final EventBus events;
    private final EventFactory eventFactory;
    private final AtomicReference<DataPlanePolicy> policy = new AtomicReference<>();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final UpstreamPool pool;
    private final ChannelGroup clients = new DefaultChannelGroup("warden-clients", GlobalEventExecutor.INSTANCE);
    private final Channel httpChannel;
    private final AdminServer admin;
    private final AccessLog accessLog;
    private final Monitoring monitoring;
    private boolean stopped;

    private Warden(WardenConfig config, Clock clock) throws InterruptedException {
        this.config = config;
        ObjectMapper json = JsonMappers.standard();
        this.events = new EventBus(EVENT_QUEUE);
        this.events.subscribe(new SecurityLog(json));
        this.eventFactory = new EventFactory(clock);
        // ---- monitoring (issue 9): the block list and revocation list the admin API and the threat tracker
        // act on. When the data plane integration lands, its RateLimiting and RevocationList replace these two.
        RateLimiting rateLimiting = new RateLimiting(config.rateLimit(), config.blocking(), config.auth().loginPaths(),
                config.auth().maxFailedLogins(), Ticker.system(), clock, () -> ThreadLocalRandom.current().nextDouble(),
                eventFactory, events);
        RevocationList revocations = new InMemoryRevocationList(100_000, clock, Ticker.system());
        this.monitoring = new Monitoring(config, events, eventFactory, metrics,
                new BlockListControl(rateLimiting.blockList(), events, eventFactory),
                new RevocationControl(revocations, clock, config.auth().tokenService().refreshTokenTtl()),
                clock, Ticker.system(), json);
        // ---- end monitoring

        UpstreamConfig upstreamConfig = config.upstream();
        Transport transport = Transport.best();
        this.acceptors = transport.newGroup(1, "warden-accept");
        this.workers = transport.newGroup(config.server().ioThreads(), "warden-io");
        UpstreamConnector connector = new UpstreamConnector(transport, upstreamConfig.host(), upstreamConfig.port(),
                upstreamTls(upstreamConfig), upstreamConfig.connectTimeout());
        UpstreamPoolConfig poolConfig = upstreamConfig.pool();
        this.pool = new UpstreamPool(workers, connector, poolConfig.maxConnections(), poolConfig.maxPending(),
                poolConfig.acquireTimeout(), poolConfig.idleTimeout());
        PolicyFactory policies = new PolicyFactory(events, eventFactory, connector.authority(),
                rateLimiting.blockListCheck());
        policy.set(policies.build(config));

        this.accessLog = new AccessLog(config.logging().accessLog(), config.logging().format());
        ProxyServices services = new ProxyServices(policy::get, pool, events, eventFactory, accessLog, lifecycle,
                metrics);
        HostPort listen = HostPort.parse(config.listen().http());
        this.httpChannel = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new FrontendInitializer(services, clients, "http"))
                .bind(listen.host(), listen.port()).sync().channel();

        HostPort adminListen = HostPort.parse(config.admin().listen());
        AdminRoutes routes = monitoring.addRoutes(new AdminRoutes()
                .publicGet("/api/security/health", new HealthEndpoint(
                        new DataPlaneHealth(lifecycle, metrics, pool, events, monitoring.healthComponents()), json)));
        BearerToken token = new BearerToken(config.admin().token());
        if (!token.configured()) {
            LOG.warn("admin.token is not set: the admin API answers only the health status; set WARDEN_ADMIN_TOKEN");
        }
        this.admin = AdminServer.start(adminListen.host(), adminListen.port(), routes, token, events, eventFactory);
        lifecycle.moveTo(Lifecycle.Phase.SERVING);
        events.emit(eventFactory.create(EventType.LIFECYCLE, ThreatLevel.LOW, null, null, null,
                Map.of("phase", "serving", "environment", config.environment().wireName(),
                        "transport", transport.name())));
        LOG.info("Warden serving on {} ({}), upstream {}, admin on {}, environment {}", httpAddress(),
                transport.name(), upstreamConfig.url(), adminListen.host() + ":" + admin.port(),
                config.environment().wireName());
    }

    /** Starts Warden on a validated configuration; returns once every listener is bound. */
    public static Warden start(WardenConfig config) throws InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static Warden start(WardenConfig config, Clock clock) throws InterruptedException {
        return new Warden(config, clock);
    }

    public InetSocketAddress httpAddress() {
        return (InetSocketAddress) httpChannel.localAddress();
    }

    public int httpPort() {
        return httpAddress().getPort();
    }

    public int adminPort() {
        return admin.port();
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public DataPlaneMetrics metrics() {
        return metrics;
    }

    public EventBus events() {
        return events;
    }

    public WardenConfig config() {
        return config;
    }

    /**
     * Stops gracefully: stop accepting, answer health 503, let in-flight requests finish up to
     * {@code server.drainTimeout} (idle keep-alive connections close at once, busy ones after
     * their response), then close everything and deliver every queued security event.
     */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        lifecycle.moveTo(Lifecycle.Phase.DRAINING);
        LOG.info("draining: {} requests in flight", lifecycle.inFlight());
        httpChannel.close().awaitUninterruptibly();
        long deadline = System.nanoTime() + config.server().drainTimeout().toNanos();
        while (true) {
            clients.forEach(FrontendInitializer::closeIfIdle);
            if (lifecycle.inFlight() == 0 || System.nanoTime() - deadline >= 0) {
                break;
            }
            sleepQuietly(50);
        }
        int abandoned = lifecycle.inFlight();
        if (abandoned > 0) {
            LOG.warn("drain timeout: closing {} requests still in flight", abandoned);
        }
        clients.close().awaitUninterruptibly();
        pool.close();
        lifecycle.moveTo(Lifecycle.Phase.STOPPED);
        events.emit(eventFactory.create(EventType.LIFECYCLE, ThreatLevel.LOW, null, null, null,
                Map.of("phase", "stopped", "abandonedRequests", abandoned)));
        admin.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        accessLog.close();
        events.close();
        monitoring.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        shutdown();
    }

    private static SslContext upstreamTls(UpstreamConfig upstream) {
        if (!upstream.tls()) {
            return null;
        }
        try {
            return SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to the upstream: " + e.getMessage(), e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
