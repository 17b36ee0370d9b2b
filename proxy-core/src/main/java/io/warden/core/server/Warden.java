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
import io.warden.core.auth.JwksFetcher;
import io.warden.core.auth.KeyMaterial;
import io.warden.core.config.ConfigSource;
import io.warden.core.http.DataPlanePolicy;
import io.warden.core.http.ConnectionGuard;
import io.warden.core.http.FrontendInitializer;
import io.warden.core.http.ProxyServices;
import io.warden.core.log.AccessLog;
import io.warden.core.log.SecurityLog;
import io.warden.core.monitor.BlockListControl;
import io.warden.core.monitor.Monitoring;
import io.warden.core.monitor.RevocationControl;
import io.warden.core.state.BlockListStore;
import io.warden.core.state.EventBus;
import io.warden.core.upstream.UpstreamConnector;
import io.warden.core.upstream.UpstreamPool;
import io.warden.rules.config.HostPort;
import io.warden.rules.config.UpstreamConfig;
import io.warden.rules.config.UpstreamPoolConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

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
    private final HttpsListener https;
    private final AdminServer admin;
    private final AccessLog accessLog;
    private final ExecutorService blockingWork = BlockingWork.create(2, 256);
    private final SharedState state;
    private final Maintenance maintenance;
    private final JwksFetcher jwks;
    private final ConfigReloader reloader;
    private final ConfigWatcher watcher;
    private final Monitoring monitoring;
    private boolean stopped;

    private Warden(WardenConfig config, ConfigSource source, Clock clock, Ticker ticker) throws Exception {
        this.config = config;
        ObjectMapper json = JsonMappers.standard();
        this.events = new EventBus(EVENT_QUEUE);
        this.events.subscribe(new SecurityLog(json));
        this.eventFactory = new EventFactory(clock);
        this.state = SharedState.create(config, clock, ticker, events, eventFactory);
        this.maintenance = new Maintenance(state.rateLimiting().blockList(),
                new BlockListStore(Path.of(config.dataDir(), "blocks.json"), json), events);
        int restored = maintenance.start();
        if (state.cluster() != null) {
            state.cluster().start();
        }
        if (restored > 0) {
            LOG.info("restored {} blocked addresses from {}", restored, config.dataDir());
        }
        this.jwks = startJwks(config, ticker);
        this.monitoring = new Monitoring(config, events, eventFactory, metrics,
                new BlockListControl(state.rateLimiting().blockList(), events, eventFactory),
                new RevocationControl(state.revocations(), clock, config.auth().tokenService().refreshTokenTtl()),
                clock, ticker, json);

        UpstreamConfig upstreamConfig = config.upstream();
        Transport transport = Transport.best();
        this.acceptors = transport.newGroup(1, "warden-accept");
        this.workers = transport.newGroup(config.server().ioThreads(), "warden-io");
        metrics.eventLoopLag().watch(workers, EventLoopLag.DEFAULT_INTERVAL_NANOS);
        UpstreamConnector connector = new UpstreamConnector(transport, upstreamConfig.host(), upstreamConfig.port(),
                upstreamTls(upstreamConfig), upstreamConfig.connectTimeout());
        UpstreamPoolConfig poolConfig = upstreamConfig.pool();
        this.pool = new UpstreamPool(workers, connector, poolConfig.maxConnections(), poolConfig.maxPending(),
                poolConfig.acquireTimeout(), poolConfig.idleTimeout());
        PolicyFactory policies = new PolicyFactory(state, new KeyMaterial(jwks, ticker), connector.authority());
        policy.set(policies.build(config));
        this.reloader = source == null ? null
                : new ConfigReloader(source, config, policies, policy, events, eventFactory);
        this.watcher = source == null || source.files().isEmpty() ? null
                : new ConfigWatcher(source.files(), this::reload);

        this.accessLog = new AccessLog(config.logging().accessLog(), config.logging().format());
        ProxyServices services = new ProxyServices(policy::get, pool, events, eventFactory, accessLog, lifecycle,
                metrics, blockingWork, new ConnectionGuard());
        HostPort listen = HostPort.parse(config.listen().http());
        ServerBootstrap http = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new FrontendInitializer(services, clients, "http"));
        try {
            this.httpChannel = http.bind(listen.host(), listen.port()).sync().channel();
        } catch (Exception e) {
            throw new CannotListenException("listen.http", listen, e);
        }
        this.https = HttpsListener.bind(config, transport, acceptors, workers, services, clients, events, eventFactory);

        HostPort adminListen = HostPort.parse(config.admin().listen());
        Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>(monitoring.healthComponents());
        if (state.cluster() != null) {
            components.put("redis", state.cluster()::health);
            monitoring.metrics().cluster(state.cluster().link());
        }
        AdminRoutes routes = monitoring.addRoutes(new AdminRoutes()
                .publicGet("/api/security/health", new HealthEndpoint(
                        new DataPlaneHealth(lifecycle, metrics, pool, events, components), json)));
        BearerToken token = new BearerToken(config.admin().token());
        for (String warning : config.auth().warnings(config.environment())) {
            LOG.warn(warning);
        }
        if (!token.configured()) {
            LOG.warn("admin.token is not set: the admin API answers only the health status; set WARDEN_ADMIN_TOKEN");
        }
        try {
            this.admin = AdminServer.start(adminListen.host(), adminListen.port(), routes, token, events, eventFactory);
        } catch (Exception e) {
            throw new CannotListenException("admin.listen", adminListen, e);
        }
        lifecycle.moveTo(Lifecycle.Phase.SERVING);
        events.emit(eventFactory.create(EventType.LIFECYCLE, ThreatLevel.LOW, null, null, null,
                Map.of("phase", "serving", "environment", config.environment().wireName(),
                        "transport", transport.name())));
        LOG.info("Warden serving on {} ({}), upstream {}, admin on {}, environment {}", httpAddress(),
                transport.name(), upstreamConfig.url(), adminListen.host() + ":" + admin.port(),
                config.environment().wireName());
    }

    /**
     * Starts Warden on a validated configuration that cannot be reloaded (tests, tools); returns
     * once every listener is bound.
     */
    public static Warden start(WardenConfig config) throws Exception {
        return new Warden(config, null, Clock.systemUTC(), Ticker.system());
    }

    /**
     * Starts Warden from its configuration source, which {@link #reload} reads again and whose
     * files are watched for changes.
     */
    public static Warden start(ConfigSource source) throws Exception {
        return start(source, Clock.systemUTC(), Ticker.system());
    }

    /**
     * Starts Warden on the given time sources: the wall clock that stamps events and ends blocks,
     * and the ticker limits are counted on. Tests move them instead of sleeping.
     */
    public static Warden start(ConfigSource source, Clock clock, Ticker ticker) throws Exception {
        return new Warden(source.load(), source, clock, ticker);
    }

    /** Reads the configuration again and applies it, or keeps the running one and says why. */
    public ReloadResult reload(String trigger) {
        if (reloader == null) {
            return new ReloadResult(false, List.of("this Warden was started without a configuration source"),
                    List.of());
        }
        return reloader.reload(trigger);
    }

    /** The policy requests are decided with now. */
    public DataPlanePolicy policy() {
        return policy.get();
    }

    public SharedState state() {
        return state;
    }

    public InetSocketAddress httpAddress() {
        return (InetSocketAddress) httpChannel.localAddress();
    }

    public int httpPort() {
        return httpAddress().getPort();
    }

    /** The HTTPS listener's address, or null without {@code listen.https}. */
    public InetSocketAddress httpsAddress() {
        return https == null ? null : https.address();
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

    /** Security monitoring: the event log, the PostgreSQL audit trail (when configured), the admin API behind them. */
    public Monitoring monitoring() {
        return monitoring;
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
        if (watcher != null) {
            watcher.close();
        }
        LOG.info("draining: {} requests in flight", lifecycle.inFlight());
        httpChannel.close().awaitUninterruptibly();
        if (https != null) {
            https.stopAccepting();
        }
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
        if (https != null) {
            https.close();
        }
        lifecycle.moveTo(Lifecycle.Phase.STOPPED);
        events.emit(eventFactory.create(EventType.LIFECYCLE, ThreatLevel.LOW, null, null, null,
                Map.of("phase", "stopped", "abandonedRequests", abandoned)));
        admin.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        maintenance.close();
        if (state.cluster() != null) {
            state.cluster().close();
        }
        if (jwks != null) {
            jwks.close();
        }
        blockingWork.shutdown();
        accessLog.close();
        events.close();
        monitoring.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        shutdown();
    }

    private JwksFetcher startJwks(WardenConfig config, Ticker ticker) {
        var jwksConfig = config.auth().jwks();
        if (jwksConfig == null || jwksConfig.url() == null) {
            return null;
        }
        JwksFetcher fetcher = new JwksFetcher(URI.create(jwksConfig.url()), jwksConfig.refreshInterval(),
                jwksConfig.minRefreshInterval(), ticker, events, eventFactory);
        fetcher.start(Duration.ofSeconds(10));
        return fetcher;
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
