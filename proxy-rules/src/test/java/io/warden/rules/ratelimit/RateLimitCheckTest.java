package io.warden.rules.ratelimit;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.LimitMode;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.config.RateLimitHeaderStyle;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitCheckTest {

    /**
     * GCRA refills one request per emission interval (600 ms at 100/min), so "the 101st within a
     * minute" holds for requests sent within one interval; {@code burstIsHonouredAndRefillsAtTheRate}
     * shows the refill.
     */
    @Test
    void theHundredAndFirstAnonymousRequestWithinAMinuteGets429WithRetryAfter() {
        Fixture f = new Fixture();
        for (int i = 1; i <= 100; i++) {
            assertThat(f.request(Requests.from("203.0.113.7"))).as("request %d of 100", i)
                    .isInstanceOf(Decision.Proceed.class);
            f.clock.advanceMillis(5);
        }
        RequestContext hundredAndFirst = Requests.from("203.0.113.7").build();
        Decision d = f.request(hundredAndFirst);

        assertThat(d).isInstanceOf(Decision.Reject.class);
        Decision.Reject r = (Decision.Reject) d;
        assertThat(r.status()).as("over the anonymous tier is Too Many Requests").isEqualTo(429);
        assertThat(r.reason()).isEqualTo("rate limit exceeded");
        assertThat(r.headers()).as("the 600 ms until the next request fits, rounded up").containsEntry("Retry-After", "1");
        SecurityEvent violation = r.events().get(0);
        assertThat(violation.type()).isEqualTo(EventType.RATE_LIMIT_VIOLATION);
        assertThat(violation.requestId()).isEqualTo(hundredAndFirst.requestId());
        assertThat(violation.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(violation.details()).containsEntry("tier", "anonymous").containsEntry("key", "203.0.113.7")
                .containsEntry("limit", 100);
        assertThat(hundredAndFirst.responseHeaders())
                .containsEntry("RateLimit-Policy", "\"anonymous\";q=100;w=60")
                .containsEntry("RateLimit", "\"anonymous\";r=0;t=60");
    }

    @Test
    void everyLimitedResponseCarriesTheDraftHeaders() {
        Fixture f = new Fixture();
        RequestContext first = Requests.from("203.0.113.7").build();
        f.request(first);
        assertThat(first.responseHeaders())
                .containsEntry("RateLimit-Policy", "\"anonymous\";q=100;w=60")
                .containsEntry("RateLimit", "\"anonymous\";r=99;t=1")
                .doesNotContainKey("X-RateLimit-Limit");
    }

    @Test
    void theLegacyTrioIsASwitch() {
        RateLimitConfig d = RateLimitConfig.defaults();
        Fixture f = new Fixture(new RateLimitConfig(d.anonymousPerMinute(), d.authenticatedPerMinute(), d.allowList(),
                null, null, d.mode(), 64, RateLimitHeaderStyle.LEGACY, d.maxTrackedKeys(), d.bots(), d.streams(),
                d.costBudget()), BlockingConfig.defaults());
        RequestContext first = Requests.from("203.0.113.7").build();
        f.request(first);
        assertThat(first.responseHeaders())
                .containsEntry("X-RateLimit-Limit", "100")
                .containsEntry("X-RateLimit-Remaining", "99")
                .containsEntry("X-RateLimit-Reset", "1")
                .doesNotContainKey("RateLimit");
    }

    @Test
    void burstIsHonouredAndRefillsAtTheRate() {
        Fixture f = new Fixture(Fixture.rateLimit(60, 10, 1000), BlockingConfig.defaults());
        for (int i = 1; i <= 10; i++) {
            assertThat(f.request(Requests.from("198.51.100.1"))).as("burst request %d of 10", i)
                    .isInstanceOf(Decision.Proceed.class);
        }
        assertThat(f.request(Requests.from("198.51.100.1"))).as("the 11th at once is over the burst")
                .isInstanceOf(Decision.Reject.class);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.request(Requests.from("198.51.100.1"))).as("one a second comes back")
                .isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("198.51.100.1"))).isInstanceOf(Decision.Reject.class);
    }

    @Test
    void theAuthenticatedTierIsKeyedBySubjectNotAddress() {
        Fixture f = new Fixture(Fixture.rateLimit(100, null, 5), BlockingConfig.defaults());
        for (int i = 0; i < 3; i++) {
            assertThat(f.request(Requests.from("198.51.100.1").user("alice"))).isInstanceOf(Decision.Proceed.class);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(f.request(Requests.from("198.51.100.2").user("alice"))).isInstanceOf(Decision.Proceed.class);
        }
        RequestContext sixth = Requests.from("198.51.100.3").user("alice").build();
        Decision d = f.request(sixth);
        assertThat(d).as("alice's sixth request from a new address still counts against alice")
                .isInstanceOf(Decision.Reject.class);
        assertThat(d.events().get(0).details()).containsEntry("tier", "authenticated").containsEntry("key", "user:alice");
        assertThat(sixth.responseHeaders()).containsEntry("RateLimit-Policy", "\"authenticated\";q=5;w=60");
        assertThat(f.request(Requests.from("198.51.100.1").user("bob"))).as("bob has his own quota")
                .isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("198.51.100.1"))).as("anonymous traffic from alice's address is its own tier")
                .isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        Fixture f = new Fixture(Fixture.rateLimit(4, null, 1000), BlockingConfig.defaults());
        assertThat(f.request(Requests.from("2001:db8:1:2::1"))).isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("2001:db8:1:2::2"))).isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))).isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("2001:db8:1:2:ffff::9"))).isInstanceOf(Decision.Proceed.class);
        Decision rotated = f.request(Requests.from("2001:db8:1:2:1234::77"));
        assertThat(rotated).as("rotating addresses inside one /64 does not escape the limit")
                .isInstanceOf(Decision.Reject.class);
        assertThat(rotated.events().get(0).details()).containsEntry("key", "2001:db8:1:2::/64");
        assertThat(f.request(Requests.from("2001:db8:1:3::1"))).as("the neighbouring /64 is another client")
                .isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Client() {
        ClientKeys keys = new ClientKeys(64);
        assertThat(keys.addressKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(new ClientKeys(128).addressKey("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(new ClientKeys(48).addressKey("2001:db8:1:2::1")).isEqualTo("2001:db8:1::/48");
    }

    @Test
    void detectModePassesEverythingWithEventsAndHeaders() {
        RateLimitConfig d = Fixture.rateLimit(3, null, 1000);
        Fixture f = new Fixture(new RateLimitConfig(3, 1000, List.of(), null, null, LimitMode.DETECT, 64,
                d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(), d.costBudget()), BlockingConfig.defaults());
        for (int i = 0; i < 3; i++) {
            f.request(Requests.from("198.51.100.1"));
        }
        for (int i = 0; i < 20; i++) {
            RequestContext over = Requests.from("198.51.100.1").build();
            Decision decision = f.request(over);
            assertThat(decision).as("detect mode never rejects").isInstanceOf(Decision.Proceed.class);
            assertThat(Fixture.count(decision, EventType.RATE_LIMIT_VIOLATION)).as("but reports as if it did")
                    .isEqualTo(1);
            assertThat(decision.events().get(0).details()).containsEntry("mode", "detect");
            assertThat(over.responseHeaders()).containsEntry("RateLimit", "\"anonymous\";r=0;t=60");
        }
        assertThat(f.limits.blockList().isBlocked("198.51.100.1"))
                .as("detected violations do not block").isFalse();
    }

    @Test
    void allowListedAddressesAreNeverLimitedOrBlocked() {
        RateLimitConfig d = RateLimitConfig.defaults();
        Fixture f = new Fixture(new RateLimitConfig(2, 1000, List.of("10.0.0.0/8", "2001:db8:ffff::/48"), null, null,
                d.mode(), 64, d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(), d.costBudget()),
                BlockingConfig.defaults());
        for (int i = 0; i < 500; i++) {
            assertThat(f.request(Requests.from("10.1.2.3"))).as("allow-listed request %d", i)
                    .isInstanceOf(Decision.Proceed.class);
            assertThat(f.request(Requests.from("2001:db8:ffff:1::5"))).isInstanceOf(Decision.Proceed.class);
        }
        f.limits.blockList().block("10.1.2.3", Duration.ofHours(1), "test");
        assertThat(f.limits.blockList().isBlocked("10.1.2.3")).as("even a manual block does not apply").isFalse();
        assertThat(f.request(Requests.from("10.1.2.3"))).isInstanceOf(Decision.Proceed.class);
        assertThat(f.request(Requests.from("10.1.2.3").headers("User-Agent", "sqlmap/1.8")))
                .as("nor does a scanner agent").isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void routeOverridesAreTheirOwnTier() {
        Fixture f = new Fixture();
        RateLimitPolicy login = RateLimitPolicy.perMinute("login", 10, 10, LimitMode.ENFORCE, KeyBy.ADDRESS);
        RateLimitCheck check = f.limits.rateLimitCheck(req -> req.path().equals("/api/auth/login")
                ? login : f.limits.tiers().apply(req));
        for (int i = 0; i < 10; i++) {
            assertThat(check.check(Requests.from("198.51.100.1").path("/api/auth/login").build()))
                    .isInstanceOf(Decision.Proceed.class);
        }
        RequestContext eleventh = Requests.from("198.51.100.1").path("/api/auth/login").build();
        assertThat(check.check(eleventh)).isInstanceOf(Decision.Reject.class);
        assertThat(eleventh.responseHeaders()).containsEntry("RateLimit-Policy", "\"login\";q=10;w=60");
        assertThat(check.check(Requests.from("198.51.100.1").path("/api/chat").build()))
                .as("the login tier's counter is not the general one").isInstanceOf(Decision.Proceed.class);
    }
}
