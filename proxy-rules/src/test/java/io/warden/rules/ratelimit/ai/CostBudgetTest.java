package io.warden.rules.ratelimit.ai;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.CostBudgetConfig;
import io.warden.rules.config.LimitMode;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.Requests;
import io.warden.rules.ratelimit.TestHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostBudgetTest {

    private static Fixture withBudget(LimitMode mode, long perHour) {
        RateLimitConfig d = RateLimitConfig.defaults();
        return new Fixture(new RateLimitConfig(d.anonymousPerMinute(), d.authenticatedPerMinute(), List.of(), null,
                null, d.mode(), 64, d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(),
                new CostBudgetConfig(mode, "X-Usage-Tokens", perHour)), BlockingConfig.defaults());
    }

    private static void answered(Fixture f, RequestContext request, String tokens) {
        f.limits.costBudget().onResponse(request, 200, TestHeaders.of("X-Usage-Tokens", tokens));
    }

    @Test
    void aFewEnormousAnswersSpendTheHourlyBudget() {
        Fixture f = withBudget(LimitMode.ENFORCE, 10_000);
        for (int i = 0; i < 3; i++) {
            RequestContext chat = Requests.from("198.51.100.1").user("alice").build();
            assertThat(f.request(chat)).as("answer %d while budget is left", i).isInstanceOf(Decision.Proceed.class);
            answered(f, chat, "4000");
        }
        Decision d = f.request(Requests.from("198.51.100.1").user("alice"));
        assertThat(d).as("three prompts passed the request rate but spent 12,000 of 10,000 tokens")
                .isInstanceOf(Decision.Reject.class);
        Decision.Reject r = (Decision.Reject) d;
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.reason()).isEqualTo("usage budget exhausted");
        assertThat(r.headers()).as("until 2,000 tokens refill, at 10,000 an hour").containsEntry("Retry-After", "720");
        assertThat(r.events().get(0).type()).isEqualTo(EventType.RATE_LIMIT_VIOLATION);
        assertThat(r.events().get(0).details()).containsEntry("tier", "cost").containsEntry("key", "user:alice");

        assertThat(f.request(Requests.from("198.51.100.1").user("bob"))).as("bob has his own budget")
                .isInstanceOf(Decision.Proceed.class);
        f.clock.advance(Duration.ofSeconds(720));
        assertThat(f.request(Requests.from("198.51.100.1").user("alice"))).isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void detectModeOnlyReports() {
        Fixture f = withBudget(LimitMode.DETECT, 100);
        RequestContext chat = Requests.from("198.51.100.1").user("alice").build();
        f.request(chat);
        answered(f, chat, "5000");
        Decision d = f.request(Requests.from("198.51.100.1").user("alice"));
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(Fixture.count(d, EventType.RATE_LIMIT_VIOLATION)).isEqualTo(1);
    }

    @Test
    void offByDefaultAndGarbageHeadersCostNothing() {
        Fixture off = new Fixture();
        RequestContext chat = Requests.from("198.51.100.1").user("alice").build();
        answered(off, chat, "999999999999");
        assertThat(off.request(Requests.from("198.51.100.1").user("alice"))).isInstanceOf(Decision.Proceed.class);

        Fixture f = withBudget(LimitMode.ENFORCE, 100);
        for (String junk : List.of("-5", "12abc", "", "1e9", " 0 ")) {
            answered(f, chat, junk);
        }
        assertThat(f.request(Requests.from("198.51.100.1").user("alice"))).isInstanceOf(Decision.Proceed.class);
        assertThat(CostBudget.parse("99999999999999999999999")).isEqualTo(CostBudget.MAX_COST);
    }
}
