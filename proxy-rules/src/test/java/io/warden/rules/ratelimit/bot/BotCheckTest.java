package io.warden.rules.ratelimit.bot;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.BotConfig;
import io.warden.rules.config.LimitMode;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.Requests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BotCheckTest {

    private final Fixture f = new Fixture();

    @ParameterizedTest
    @ValueSource(strings = {"sqlmap/1.8.2#stable (https://sqlmap.org)", "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None)"})
    void aScannerIsBlockedAtOnce(String agent) {
        Decision d = f.request(Requests.from("203.0.113.66").headers("User-Agent", agent, "Accept", "*/*"));
        assertThat(d).isInstanceOf(Decision.Reject.class);
        Decision.Reject r = (Decision.Reject) d;
        assertThat(r.status()).as("a known attack tool is refused, not rate limited").isEqualTo(403);
        assertThat(r.headers()).containsEntry("Retry-After", "900");
        assertThat(Fixture.count(d, EventType.BOT_DETECTED)).isEqualTo(1);
        assertThat(Fixture.count(d, EventType.IP_BLOCKED)).isEqualTo(1);
        SecurityEvent bot = d.events().stream().filter(e -> e.type() == EventType.BOT_DETECTED).findFirst().orElseThrow();
        assertThat(bot.details()).containsEntry("class", "scanner").containsEntry("score", 100);

        Decision next = f.request(Requests.from("203.0.113.66"));
        assertThat(((Decision.Reject) next).status()).as("the address stays blocked, whatever it sends next")
                .isEqualTo(403);
        assertThat(((Decision.Reject) next).reason()).isEqualTo("address blocked: automated scanner");
    }

    @Test
    void curlGetsTheLowerBotTier() {
        RequestContext first = Requests.from("198.51.100.20").headers("User-Agent", "curl/8.5.0", "Accept", "*/*").build();
        Decision d = f.request(first);
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(Fixture.count(d, EventType.BOT_DETECTED)).isEqualTo(1);
        assertThat(d.events().get(0).details()).containsEntry("class", "automated").containsEntry("tier", "bot")
                .containsEntry("traits", "client:curl");
        assertThat(first.responseHeaders()).as("the client sees the tier it is on")
                .containsEntry("RateLimit-Policy", "\"bot\";q=30;w=60");
        for (int i = 2; i <= 30; i++) {
            Decision ok = f.request(Requests.from("198.51.100.20").headers("User-Agent", "curl/8.5.0", "Accept", "*/*"));
            assertThat(ok).as("curl request %d of 30", i).isInstanceOf(Decision.Proceed.class);
            assertThat(Fixture.count(ok, EventType.BOT_DETECTED)).as("reported once, not per request").isZero();
        }
        Decision over = f.request(Requests.from("198.51.100.20").headers("User-Agent", "curl/8.5.0", "Accept", "*/*"));
        assertThat(((Decision.Reject) over).status()).as("the 31st is over the bot tier, far below the anonymous 100")
                .isEqualTo(429);
        assertThat(over.events().get(0).details()).containsEntry("tier", "bot");
        assertThat(f.request(Requests.from("198.51.100.20"))).as("a browser behind the same address is not held back")
                .isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void anAuthenticatedApiClientIsNotPutOnTheBotTier() {
        for (int i = 0; i < 100; i++) {
            Decision d = f.request(Requests.from("198.51.100.21").user("integration")
                    .headers("User-Agent", "python-requests/2.31.0", "Accept", "*/*"));
            assertThat(d).as("authenticated request %d", i).isInstanceOf(Decision.Proceed.class);
            assertThat(d.events()).isEmpty();
        }
    }

    @Test
    void detectModeReportsScannersWithoutBlocking() {
        RateLimitConfig d = RateLimitConfig.defaults();
        BotConfig b = d.bots();
        Fixture detect = new Fixture(new RateLimitConfig(d.anonymousPerMinute(), d.authenticatedPerMinute(), List.of(),
                null, null, d.mode(), 64, d.headers(), d.maxTrackedKeys(),
                new BotConfig(LimitMode.DETECT, b.perMinute(), null, b.threshold(), true, List.of(), List.of(), 8),
                d.streams(), d.costBudget()), BlockingConfig.defaults());
        Decision decision = detect.request(Requests.from("203.0.113.66").headers("User-Agent", "sqlmap/1.8"));
        assertThat(decision).isInstanceOf(Decision.Proceed.class);
        assertThat(Fixture.count(decision, EventType.BOT_DETECTED)).isEqualTo(1);
        assertThat(detect.limits.blockList().isBlocked("203.0.113.66")).isFalse();
    }
}
