package io.warden.rules.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.time.Ticker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** Keys, tokens, clocks and requests for the auth tests. */
public final class Fixtures {

    public static final String SECRET = "kR7u2-Xq9vLw4Zp0Tn8Ye3Bc6Hd1Jf5Gm_Qs2Vx7Ua";
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    public static Algorithm hs256() {
        return Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token builder with the claims a typical backend token has, valid at {@link #NOW}. */
    public static JWTCreator.Builder token() {
        return JWT.create()
                .withSubject("alice")
                .withIssuedAt(NOW.minusSeconds(60))
                .withExpiresAt(NOW.plus(Duration.ofMinutes(30)))
                .withJWTId("jti-1")
                .withClaim("roles", List.of("agent", "viewer"))
                .withClaim("email", "alice@example.com");
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A settable wall clock and a ticker that follows it, so tests move time instead of sleeping. */
    public static final class ManualClock implements InstantSource, Ticker {
        private Instant now;

        public ManualClock(Instant start) {
            this.now = start;
        }

        public static ManualClock atNow() {
            return new ManualClock(NOW);
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long nanos() {
            return Duration.between(Instant.EPOCH, now).toNanos();
        }
    }

    /** Request headers as a list of pairs, names case-insensitive. */
    public static final class Headers implements HeaderView {
        private final List<String[]> pairs = new ArrayList<>();

        public static Headers of(String... namesAndValues) {
            Headers h = new Headers();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                h.pairs.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
            }
            return h;
        }

        @Override
        public String get(CharSequence name) {
            List<String> all = getAll(name);
            return all.isEmpty() ? null : all.get(0);
        }

        @Override
        public List<String> getAll(CharSequence name) {
            List<String> out = new ArrayList<>();
            for (String[] p : pairs) {
                if (p[0].equalsIgnoreCase(name.toString())) {
                    out.add(p[1]);
                }
            }
            return out;
        }

        @Override
        public boolean contains(CharSequence name) {
            return get(name) != null;
        }

        @Override
        public int size() {
            return pairs.size();
        }

        @Override
        public void forEach(BiConsumer<String, String> action) {
            for (String[] p : pairs) {
                action.accept(p[0], p[1]);
            }
        }

        public void set(String name, String value) {
            pairs.removeIf(p -> p[0].equalsIgnoreCase(name));
            pairs.add(new String[] {name, value});
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (String[] p : pairs) {
                b.append(p[0].toLowerCase(Locale.ROOT)).append(": ").append(p[1]).append('\n');
            }
            return b.toString();
        }
    }

    public static RequestContext request(String method, String target, Headers headers) {
        try {
            return RequestContext.builder()
                    .requestId("req-1")
                    .client(ClientAddress.of(InetAddress.getByName("203.0.113.7")))
                    .method(method)
                    .target(target)
                    .headers(headers)
                    .route(RoutePolicy.basic("api", 1 << 20))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestContext get(String target, String... headers) {
        return request("GET", target, Headers.of(headers));
    }

    public static RequestContext webSocket(String target, String... headers) {
        Headers h = Headers.of(headers);
        h.pairs.add(new String[] {"Upgrade", "websocket"});
        h.pairs.add(new String[] {"Connection", "Upgrade"});
        return request("GET", target, h);
    }
}
