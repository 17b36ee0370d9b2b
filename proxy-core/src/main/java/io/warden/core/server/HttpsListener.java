package io.warden.core.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.warden.core.http.FrontendInitializer;
import io.warden.core.http.ProxyServices;
import io.warden.core.tls.DevelopmentCertificate;
import io.warden.core.tls.ReloadingTlsContext;
import io.warden.core.tls.ServerTls;
import io.warden.rules.config.Environment;
import io.warden.rules.config.HostPort;
import io.warden.rules.config.TlsConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The {@code listen.https} listener: the same data plane as plain HTTP behind a TLS step, with a
 * certificate renewed from disk while it runs. In development with no certificate configured, it
 * makes a self-signed one under the data directory and says so.
 */
public final class HttpsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsListener.class);

    private final ReloadingTlsContext tls;
    private final Channel channel;

    private HttpsListener(ReloadingTlsContext tls, Channel channel) {
        this.tls = tls;
        this.channel = channel;
    }

    /** Binds {@code listen.https}, or returns null when it is not configured. */
    static HttpsListener bind(WardenConfig config, Transport transport, EventLoopGroup acceptors,
                              EventLoopGroup workers, ProxyServices services, ChannelGroup clients, EventSink events,
                              EventFactory eventFactory) throws CannotListenException {
        if (config.listen().https() == null) {
            return null;
        }
        ReloadingTlsContext tls = loadTls(config, events, eventFactory);
        HostPort listen = HostPort.parse(config.listen().https());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new FrontendInitializer(services, clients, tls));
        Channel channel;
        try {
            channel = bootstrap.bind(listen.host(), listen.port()).sync().channel();
        } catch (Exception e) {
            tls.close();
            throw new CannotListenException("listen.https", listen, e);
        }
        HttpsListener https = new HttpsListener(tls, channel);
        LOG.info("HTTPS on {} with {} TLS (1.3, 1.2), certificate {}", https.address(), tls.provider(),
                tls.servedCertificate());
        return https;
    }

    private static ReloadingTlsContext loadTls(WardenConfig config, EventSink events, EventFactory eventFactory) {
        TlsConfig tls = config.tls();
        try {
            Path certificate;
            Path key;
            if (tls.certificate() == null && config.environment() == Environment.DEVELOPMENT) {
                DevelopmentCertificate.Location dev = DevelopmentCertificate.ensure(
                        Path.of(config.dataDir(), "tls"), eventFactory.now());
                LOG.warn("tls: no certificate configured; {} a self-signed development certificate for localhost "
                                + "at {} (valid until {}); browsers will warn about it",
                        dev.created() ? "generated" : "using", dev.certificate(), dev.notAfter());
                certificate = dev.certificate();
                key = dev.privateKey();
            } else {
                certificate = Path.of(tls.certificate());
                key = Path.of(tls.privateKey());
            }
            return ReloadingTlsContext.start(certificate, key, ServerTls.provider(tls.provider()),
                    tls.reloadInterval(), events, eventFactory);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("tls.certificate / tls.privateKey: cannot be loaded: " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting; connections already open are drained with the plain-HTTP ones. */
    void stopAccepting() {
        channel.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        stopAccepting();
        tls.close();
    }
}
