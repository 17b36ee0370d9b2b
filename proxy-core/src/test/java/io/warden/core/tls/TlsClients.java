package io.warden.core.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** TLS clients for tests: the JDK's, trusting one certificate, and Netty's for handshakes the JDK refuses to try. */
final class TlsClients implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    static SSLContext trusting(Path certificate) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("warden", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** What a handshake agreed on. */
    record Handshake(String protocol, String cipher, String alpn, X509Certificate peer) {
    }

    /** A JDK handshake offering exactly {@code protocol}, and ALPN h2 and http/1.1. */
    static Handshake jdkHandshake(SSLContext context, int port, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(new String[] {protocol});
            var params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return new Handshake(session.getProtocol(), session.getCipherSuite(), socket.getApplicationProtocol(),
                    (X509Certificate) session.getPeerCertificates()[0]);
        }
    }

    /** Whether a handshake with {@code client} succeeds against the port. */
    boolean handshakes(SslContext client, int port) throws InterruptedException {
        // held from the start: a refused handshake can close the channel and empty its pipeline
        // before connect() returns
        AtomicReference<SslHandler> tls = new AtomicReference<>();
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        SslHandler handler = client.newHandler(c.alloc(), "127.0.0.1", port);
                        tls.set(handler);
                        c.pipeline().addLast(handler);
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        Future<Channel> handshake = tls.get().handshakeFuture();
        boolean done = handshake.await(5, TimeUnit.SECONDS);
        ch.close().sync();
        return done && handshake.isSuccess();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
