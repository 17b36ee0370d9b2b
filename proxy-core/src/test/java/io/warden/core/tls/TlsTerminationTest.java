package io.warden.core.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.RecordedEvents;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS as real clients see it: protocol and cipher policy, renewals without restart, redirects. */
class TlsTerminationTest {

    private static final String ADMIN_TOKEN = "admin.token=0123456789abcdef0123456789abcdef";

    private TestUpstream upstream;
    private Path certs;
    private DevelopmentCertificate.Location pair;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        certs = Files.createTempDirectory("warden-certs");
        pair = DevelopmentCertificate.ensure(certs.resolve("a"), Instant.now());
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private WardenFixture https(String provider, String... more) throws Exception {
        String[] settings = new String[more.length + 6];
        settings[0] = "environment=production";
        settings[1] = ADMIN_TOKEN;
        settings[2] = "listen.https=127.0.0.1:0";
        settings[3] = "tls.certificate=" + pair.certificate();
        settings[4] = "tls.privateKey=" + pair.privateKey();
        settings[5] = "tls.provider=" + provider;
        System.arraycopy(more, 0, settings, 6, more.length);
        return WardenFixture.start(upstream.url(), settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void tls13And12WithForwardSecretAeadAndAlpn(String provider) throws Exception {
        try (WardenFixture warden = https(provider)) {
            int port = warden.warden().httpsAddress().getPort();
            SSLContext client = TlsClients.trusting(pair.certificate());
            TlsClients.Handshake v13 = TlsClients.jdkHandshake(client, port, "TLSv1.3");
            assertThat(v13.protocol()).isEqualTo("TLSv1.3");
            assertThat(v13.alpn()).as("ALPN picks HTTP/1.1, never h2 the data plane does not speak")
                    .isEqualTo("http/1.1");
            TlsClients.Handshake v12 = TlsClients.jdkHandshake(client, port, "TLSv1.2");
            assertThat(v12.protocol()).isEqualTo("TLSv1.2");
            assertThat(v12.cipher()).as("forward secret and AEAD").startsWith("TLS_ECDHE_")
                    .containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void oldProtocolsAndWeakCiphersAreRefused(String provider) throws Exception {
        try (WardenFixture warden = https(provider); TlsClients clients = new TlsClients();
             Lenient lenient = new Lenient(pair)) {
            int port = warden.warden().httpsAddress().getPort();
            SslContext tls11 = client("TLSv1.1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
            SslContext cbc = client("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
            SslContext staticRsa = client("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(clients.handshakes(tls11, lenient.port()))
                    .as("control: this client really can speak TLS 1.1 to a server that allows it").isTrue();
            assertThat(clients.handshakes(cbc, lenient.port())).as("control: and the CBC suite").isTrue();

            assertThat(clients.handshakes(tls11, port)).as("TLS 1.1 is refused").isFalse();
            assertThat(clients.handshakes(cbc, port)).as("CBC with SHA-1 is refused").isFalse();
            assertThat(clients.handshakes(staticRsa, port)).as("RSA key exchange has no forward secrecy").isFalse();
            assertThat(clients.handshakes(client("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), port))
                    .as("control: the same client with a good suite gets in").isTrue();
        }
    }

    @Test
    void httpsRequestsAreSecureAndGetHsts() throws Exception {
        try (WardenFixture warden = https("auto")) {
            int port = warden.warden().httpsAddress().getPort();
            HttpClient client = HttpClient.newBuilder().sslContext(TlsClients.trusting(pair.certificate()))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .hasValue("max-age=31536000; includeSubDomains; preload");
            assertThat(upstream.last().header("X-Forwarded-Proto")).isEqualTo("https");
            assertThat(warden.get("/hello").headers().firstValue("Strict-Transport-Security"))
                    .as("the same Warden over plain HTTP sends none").isEmpty();
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutRestart() throws Exception {
        try (WardenFixture warden = https("auto", "tls.reloadInterval=100ms")) {
            int port = warden.warden().httpsAddress().getPort();
            SSLContext trustsA = TlsClients.trusting(pair.certificate());
            assertThat(TlsClients.jdkHandshake(trustsA, port, "TLSv1.3").peer().getSerialNumber())
                    .isEqualTo(serial(pair.certificate()));

            DevelopmentCertificate.Location renewed = DevelopmentCertificate.ensure(certs.resolve("b"), Instant.now());
            Files.copy(renewed.privateKey(), pair.privateKey(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certificate(), pair.certificate(), StandardCopyOption.REPLACE_EXISTING);

            SSLContext trustsB = TlsClients.trusting(renewed.certificate());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            java.math.BigInteger served = null;
            while (System.nanoTime() < deadline) {
                try {
                    served = TlsClients.jdkHandshake(trustsB, port, "TLSv1.3").peer().getSerialNumber();
                    break;
                } catch (SSLHandshakeException stillTheOldOne) {
                    Thread.sleep(50);
                }
            }
            assertThat(served).as("the renewed certificate is served by the same process")
                    .isEqualTo(serial(renewed.certificate()));
        }
    }

    @Test
    void aMismatchedRenewalIsRefusedAndTheOldPairKeepsServing() throws Exception {
        try (WardenFixture warden = https("auto", "tls.reloadInterval=100ms")) {
            int port = warden.warden().httpsAddress().getPort();
            RecordedEvents events = RecordedEvents.of(warden);
            Path original = Files.copy(pair.certificate(), certs.resolve("original.pem"));
            DevelopmentCertificate.Location other = DevelopmentCertificate.ensure(certs.resolve("c"), Instant.now());
            Files.copy(other.certificate(), pair.certificate(), StandardCopyOption.REPLACE_EXISTING);

            assertThat(events.await(EventType.CONFIG_REJECTED, 1).get(0).details())
                    .as("a certificate whose key is not beside it is refused, loudly").containsEntry("component", "tls");
            assertThat(TlsClients.jdkHandshake(TlsClients.trusting(original), port, "TLSv1.3").peer()
                    .getSerialNumber()).as("and the pair in service goes on serving").isEqualTo(serial(original));
        }
    }

    @Test
    void developmentMakesItsOwnCertificate() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "listen.https=127.0.0.1:0")) {
            Path generated = warden.dataDir().resolve("tls").resolve(DevelopmentCertificate.CERTIFICATE);
            assertThat(generated).exists();
            assertThat(generated.resolveSibling(DevelopmentCertificate.KEY)).isReadable();
            HttpClient client = HttpClient.newBuilder().sslContext(TlsClients.trusting(generated)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + warden.warden().httpsAddress().getPort() + "/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("development never pins localhost to HTTPS").isEmpty();
        }
    }

    @Test
    void requireHttpsRedirectsPlainHttpToTheHttpsListener() throws Exception {
        int httpsPort;
        try (ServerSocket free = new ServerSocket(0)) {
            httpsPort = free.getLocalPort();
        }
        try (WardenFixture warden = https("auto", "listen.https=127.0.0.1:" + httpsPort, "tls.requireHttps=true");
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /api/chat?x=1 HTTP/1.1\r\nHost: localhost:" + warden.port() + "\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 308")
                    .contains("Location: https://localhost:" + httpsPort + "/api/chat?x=1");
            raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.readResponse()).as("health probes still get through").startsWith("HTTP/1.1 200");
            HttpClient client = HttpClient.newBuilder().sslContext(TlsClients.trusting(pair.certificate())).build();
            assertThat(client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/api/chat"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private static java.math.BigInteger serial(Path certificate) throws Exception {
        return ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(certificate))).getSerialNumber();
    }

    private static SslContext client(String protocol, String cipher) throws Exception {
        return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols(protocol).ciphers(java.util.List.of(cipher)).build();
    }

    /** A server that allows everything, to prove the refusing clients are able to connect at all. */
    private static final class Lenient implements AutoCloseable {
        private final io.netty.channel.EventLoopGroup group =
                new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        private final io.netty.channel.Channel channel;

        Lenient(DevelopmentCertificate.Location pair) throws Exception {
            SslContext server = SslContextBuilder.forServer(pair.certificate().toFile(), pair.privateKey().toFile())
                    .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.1", "TLSv1.2")
                    .ciphers(java.util.List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")).build();
            channel = new io.netty.bootstrap.ServerBootstrap().group(group)
                    .channel(io.netty.channel.socket.nio.NioServerSocketChannel.class)
                    .childHandler(new io.netty.channel.ChannelInitializer<>() {
                        @Override
                        protected void initChannel(io.netty.channel.Channel ch) {
                            ch.pipeline().addLast(server.newHandler(ch.alloc()));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
