package io.warden.core.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** RS256 routes with keys from a JWKS URL, and tokens taken off WebSocket handshakes. */
class JwtRoutesTest {

    private TestUpstream upstream;
    private TestUpstream keyServer;
    private KeyPair keys;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
        keyServer = new TestUpstream().on("/jwks.json", (ctx, req) -> ctx.writeAndFlush(TestUpstream.json(200, jwks)));
        upstream = new TestUpstream();
        Path config = Files.createTempFile("jwt", ".yaml");
        Files.writeString(config, """
                auth:
                  algorithms: [RS256]
                  jwks:
                    url: http://127.0.0.1:%d/jwks.json
                routes:
                  - path: /api/me
                    auth: required
                  - path: /ws/**
                    auth: required
                """.formatted(keyServer.port()));
        warden = WardenFixture.start(upstream.url(), List.of(config), Map.of());
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
        keyServer.close();
    }

    @Test
    void tokensSignedWithAKeyFromTheJwksUrlPass() throws Exception {
        assertThat(get("/api/me", rs256("k1")).statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-Warden-Subject")).isEqualTo("user-42");
    }

    @Test
    void anHmacTokenNeverPassesAnRsaRoute() throws Exception {
        String hs = JWT.create().withSubject("user-42").withKeyId("k1").withExpiresAt(Instant.now().plusSeconds(300))
                .sign(Algorithm.HMAC256(((RSAPublicKey) keys.getPublic()).getEncoded()));
        var response = get("/api/me", hs);
        assertThat(response.statusCode()).as("algorithm confusion: HS256 keyed with the public key").isEqualTo(401);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void anUnknownKeyIdIsRefused() throws Exception {
        assertThat(get("/api/me", rs256("not-a-kid")).statusCode()).isEqualTo(401);
    }

    @Test
    void aHandshakeTokenInTheQueryIsCheckedAndStripped() throws Exception {
        String token = rs256("k1");
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /ws/chat?room=7&token=" + token + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            raw.readHead();
        }
        TestUpstream.Received received = upstream.last();
        assertThat(received.uri()).as("the token never reaches the backend's logs").isEqualTo("/ws/chat?room=7");
        assertThat(received.header("X-Warden-Subject")).isEqualTo("user-42");
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /ws/chat?token=forged HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 401");
        }
    }

    private String rs256(String kid) {
        return JWT.create().withSubject("user-42").withKeyId(kid).withExpiresAt(Instant.now().plusSeconds(300))
                .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.uri(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
