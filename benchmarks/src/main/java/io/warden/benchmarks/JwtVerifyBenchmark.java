package io.warden.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.auth.AuthCheck;
import io.warden.rules.auth.AuthPolicy;
import io.warden.rules.auth.ClaimHeaders;
import io.warden.rules.auth.TokenSources;
import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.JwtAlgorithm;
import io.warden.rules.auth.jwt.JwtRules;
import io.warden.rules.auth.jwt.KeyResolver;
import io.warden.rules.auth.jwt.StaticKeys;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.jwt.VerificationKey;
import io.warden.rules.auth.jwt.VerificationResult;
import io.warden.rules.config.AuthMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.time.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Verification of a typical access token (the claims a FastAPI backend puts in one) with each
 * algorithm family, and the whole AuthCheck on an HS256 request. Budget: HS256 under 5 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerifyBenchmark {

    private static final String SECRET = "kR7u2-Xq9vLw4Zp0Tn8Ye3Bc6Hd1Jf5Gm_Qs2Vx7Ua";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** Verifies every token in full, as on a session's first request. */
    private TokenVerifier verifier;
    /** Remembers tokens found valid, as for a session's later requests. */
    private TokenVerifier remembering;
    private JwtRules hsRules;
    private JwtRules rsRules;
    private JwtRules esRules;
    private String hsToken;
    private String hsForged;
    private String rsToken;
    private String esToken;
    private AuthCheck authCheck;
    private HeaderView requestHeaders;
    private ClientAddress client;
    private RoutePolicy route;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();

        InstantSource clock = InstantSource.fixed(NOW);
        Ticker ticker = () -> 0L;
        KeyResolver keys = StaticKeys.of(SECRET, List.of(
                VerificationKey.publicKey(null, rsa.getPublic(), null),
                VerificationKey.publicKey(null, ec.getPublic(), null)));
        InMemoryRevocationList revocations = new InMemoryRevocationList(100_000, clock, ticker);
        verifier = new TokenVerifier(keys, revocations, clock, false);
        remembering = new TokenVerifier(keys, revocations, clock);
        hsRules = JwtRules.access(Set.of(JwtAlgorithm.HS256));
        rsRules = JwtRules.access(Set.of(JwtAlgorithm.RS256));
        esRules = JwtRules.access(Set.of(JwtAlgorithm.ES256));

        hsToken = typical().sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
        hsForged = typical().sign(Algorithm.HMAC256("another-secret-another-secret-another-secret"));
        rsToken = typical().sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        esToken = typical().sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));

        AuthPolicy policy = new AuthPolicy(AuthMode.REQUIRED, hsRules, TokenSources.bearerHeader(), List.of());
        authCheck = new AuthCheck(request -> policy, remembering, new ClaimHeaders(Map.of("email", "X-Warden-Email")),
                "warden", new EventFactory(clock));
        requestHeaders = new SingleHeader("Authorization", "Bearer " + hsToken);
        client = ClientAddress.of(InetAddress.getByName("203.0.113.7"));
        route = RoutePolicy.basic("api", 10 << 20);
        requireValid(verifier.verify(hsToken, hsRules));
        requireValid(verifier.verify(rsToken, rsRules));
        requireValid(verifier.verify(esToken, esRules));
    }

    private static com.auth0.jwt.JWTCreator.Builder typical() {
        return JWT.create()
                .withSubject("user-8f14e45f")
                .withIssuedAt(NOW.minusSeconds(60))
                .withExpiresAt(NOW.plus(Duration.ofMinutes(30)))
                .withJWTId("3f2a6c1e-9b7d-4e2a-8c5f-1d0b9a7e6c4d")
                .withClaim("email", "agent@realestate.example")
                .withClaim("roles", List.of("agent"))
                .withClaim("type", "access");
    }

    private static void requireValid(VerificationResult result) {
        if (!(result instanceof VerificationResult.Valid)) {
            throw new IllegalStateException("benchmark token does not verify: " + result);
        }
    }

    @Benchmark
    public VerificationResult hs256() {
        return verifier.verify(hsToken, hsRules);
    }

    /** The same token again, as every request of a session sends it: remembered, its times and revocation checked. */
    @Benchmark
    public VerificationResult hs256Remembered() {
        return remembering.verify(hsToken, hsRules);
    }

    @Benchmark
    public VerificationResult hs256BadSignature() {
        return verifier.verify(hsForged, hsRules);
    }

    @Benchmark
    public VerificationResult rs256() {
        return verifier.verify(rsToken, rsRules);
    }

    @Benchmark
    public VerificationResult es256() {
        return verifier.verify(esToken, esRules);
    }

    /**
     * The whole check as the pipeline runs it, on a session's later request: token extraction,
     * verification of a remembered token, identity, headers.
     */
    @Benchmark
    public Decision authCheckHs256() {
        RequestContext request = RequestContext.builder()
                .requestId("req-1").client(client).method("GET").target("/api/chat")
                .headers(requestHeaders).route(route).build();
        return authCheck.check(request);
    }

    /** Just enough of a header view for one request. */
    private record SingleHeader(String name, String value) implements HeaderView {
        @Override
        public String get(CharSequence n) {
            return name.equalsIgnoreCase(n.toString()) ? value : null;
        }

        @Override
        public List<String> getAll(CharSequence n) {
            return name.equalsIgnoreCase(n.toString()) ? List.of(value) : List.of();
        }

        @Override
        public boolean contains(CharSequence n) {
            return name.equalsIgnoreCase(n.toString());
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void forEach(BiConsumer<String, String> action) {
            action.accept(name, value);
        }
    }
}
