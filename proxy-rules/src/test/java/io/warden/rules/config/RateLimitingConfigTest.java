package io.warden.rules.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitingConfigTest {

    private static List<String> problems(RateLimitConfig c) {
        Problems p = new Problems();
        c.validate(p);
        return p.list().stream().map(ConfigProblem::key).toList();
    }

    private static List<String> problems(BlockingConfig c) {
        Problems p = new Problems();
        c.validate(p);
        return p.list().stream().map(ConfigProblem::key).toList();
    }

    @Test
    void defaultsAreValidAndMatchTheBrief() {
        RateLimitConfig r = RateLimitConfig.defaults();
        BlockingConfig b = BlockingConfig.defaults();
        assertThat(problems(r)).isEmpty();
        assertThat(problems(b)).isEmpty();
        assertThat(WardenConfig.defaults().validate()).isEmpty();
        assertThat(r.anonymousPerMinute()).isEqualTo(100);
        assertThat(r.authenticatedPerMinute()).isEqualTo(1000);
        assertThat(r.effectiveAnonymousBurst()).isEqualTo(100);
        assertThat(b.violationsBeforeBlock()).isEqualTo(5);
        assertThat(b.firstBlock()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void badValuesAreNamedByTheirDottedKey() {
        RateLimitConfig d = RateLimitConfig.defaults();
        RateLimitConfig bad = new RateLimitConfig(0, 1000, List.of("10.0.0.0/8", "nope"), -1, null, null, 0,
                null, 0, new BotConfig(LimitMode.ENFORCE, 0, null, 101, true, List.of(" "), List.of(), 2),
                new StreamLimitConfig(LimitMode.ENFORCE, 0, 20), new CostBudgetConfig(LimitMode.OFF, "X Bad", 0));
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "rateLimit.anonymousPerMinute", "rateLimit.allowList[1]", "rateLimit.anonymousBurst",
                "rateLimit.mode", "rateLimit.ipv6Prefix", "rateLimit.headers", "rateLimit.maxTrackedKeys",
                "rateLimit.bots.perMinute", "rateLimit.bots.threshold", "rateLimit.bots.scannerAgents[0]",
                "rateLimit.bots.cadenceSamples", "rateLimit.streams.perUser", "rateLimit.costBudget.header",
                "rateLimit.costBudget.perHour");

        BlockingConfig badBlocking = new BlockingConfig(0, 15, Duration.ZERO, Duration.ofMinutes(5), 1.5, null,
                Duration.ofMinutes(15), 0, null);
        assertThat(problems(badBlocking)).containsExactlyInAnyOrder("blocking.violationsBeforeBlock", "blocking.window",
                "blocking.maxBlock", "blocking.jitter", "blocking.offenceMemory", "blocking.maxEntries",
                "blocking.mode");
    }

    @Test
    void theRecordsBindFromJsonWithTheConfigSpellings() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new ConfigModule());
        RateLimitConfig r = RateLimitConfig.defaults();
        BlockingConfig b = BlockingConfig.defaults();
        assertThat(json.readValue(json.writeValueAsString(r), RateLimitConfig.class)).isEqualTo(r);
        assertThat(json.readValue(json.writeValueAsString(b), BlockingConfig.class)).isEqualTo(b);
        assertThat(json.writeValueAsString(b)).contains("\"window\":\"1m\"", "\"mode\":\"enforce\"");
        BotConfig bots = json.readValue("""
                {"mode":"detect","perMinute":20,"burst":5,"threshold":60,"blockScanners":false,
                 "scannerAgents":["evilscan"],"automatedAgents":[],"cadenceSamples":0}""", BotConfig.class);
        assertThat(bots.mode()).isEqualTo(LimitMode.DETECT);
        assertThat(bots.effectiveBurst()).isEqualTo(5);
    }
}
