package io.warden.rules.route.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.config.BodyRulesConfig;
import io.warden.rules.config.FieldRuleConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The brief's commission endpoint: sale_price in (0, 100 000 000], commission_rate in [0, 0.1]. */
    private static final BodyRules COMMISSION = BodyRules.compile(new BodyRulesConfig(Map.of(
            "sale_price", rule("number", true, null, new BigDecimal("100000000"), BigDecimal.ZERO, null),
            "commission_rate", rule("number", true, BigDecimal.ZERO, new BigDecimal("0.1"), null, null),
            "agent_id", new FieldRuleConfig("string", null, null, null, null, null, null, null, null,
                    "[A-Z]{2}[0-9]{4}", null, null, null, null),
            "status", new FieldRuleConfig(null, null, null, null, null, null, null, null,
                    List.of("pending", "approved"), null, null, null, null, null),
            "notes", new FieldRuleConfig("string", null, null, null, null, null, 1, 20, null, null, null, null,
                    null, null),
            "parties", new FieldRuleConfig("array", null, null, null, null, null, null, null, null, null, null, null,
                    new FieldRuleConfig("object", null, null, null, null, null, null, null, null, null,
                            Map.of("name", new FieldRuleConfig("string", true, null, null, null, null, null, null,
                                    null, null, null, null, null, null)), false, null, null), 3)),
            false), "routes[0].body");

    @Test
    void aValidCommissionPasses() throws Exception {
        assertThat(COMMISSION.check(json("{\"sale_price\": 450000, \"commission_rate\": 0.025}"))).isNull();
        assertThat(COMMISSION.check(json("{\"sale_price\": 100000000, \"commission_rate\": 0.1, \"agent_id\": "
                + "\"AB1234\", \"status\": \"pending\", \"notes\": \"ok\", \"parties\": [{\"name\": \"O'Brien\"}]}")))
                .isNull();
    }

    @Test
    void eachRuleKindRefusesWithFieldAndRule() throws Exception {
        assertViolation("{\"commission_rate\": 0.02}", "sale_price", "required");
        assertViolation("{\"sale_price\": \"450000\", \"commission_rate\": 0.02}", "sale_price", "type number");
        assertViolation("{\"sale_price\": 0, \"commission_rate\": 0.02}", "sale_price", "exclusiveMinimum");
        assertViolation("{\"sale_price\": 100000000.01, \"commission_rate\": 0.02}", "sale_price", "maximum");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": -0.01}", "commission_rate", "minimum");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0.5}", "commission_rate", "maximum");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"agent_id\": \"ab1234\"}", "agent_id", "pattern");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"status\": \"paid\"}", "status", "enum");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"notes\": \"\"}", "notes", "minLength");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"notes\": \"" + "x".repeat(21) + "\"}", "notes",
                "maxLength");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"bonus\": 1}", "bonus", "additionalFields");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"parties\": [{}]}", "parties[0].name",
                "required");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"parties\": [{\"name\":\"a\",\"x\":1}]}",
                "parties[0].x", "additionalFields");
        assertViolation("{\"sale_price\": 5, \"commission_rate\": 0, \"parties\": [{\"name\":\"a\"},{\"name\":\"b\"},"
                + "{\"name\":\"c\"},{\"name\":\"d\"}]}", "parties", "maxItems");
        assertViolation("[1, 2]", "$", "type object");
    }

    @Test
    void theViolationNeverCarriesTheValue() throws Exception {
        BodyViolation v = COMMISSION.check(json("{\"sale_price\": 5, \"commission_rate\": 0, "
                + "\"<script>alert(1)</script>\": 1}"));
        assertThat(v.reason()).doesNotContain("script").contains("(unlisted field)");
    }

    @Test
    void enumComparesNumbersByValue() throws Exception {
        BodyRules rules = BodyRules.compile(new BodyRulesConfig(Map.of("n", new FieldRuleConfig(null, null, null,
                null, null, null, null, null, List.of(1, 2.5), null, null, null, null, null)), null), "b");
        assertThat(rules.check(json("{\"n\": 1.0}"))).isNull();
        assertThat(rules.check(json("{\"n\": 2.50}"))).isNull();
        assertThat(rules.check(json("{\"n\": 3}"))).isNotNull();
    }

    @Test
    void patternsRunInLinearTime() throws Exception {
        BodyRules rules = BodyRules.compile(new BodyRulesConfig(Map.of("s", new FieldRuleConfig("string", null, null,
                null, null, null, null, null, null, "(a+)+$", null, null, null, null)), null), "b");
        // catastrophic for a backtracking engine; RE2 answers at once
        assertThat(rules.check(json("{\"s\": \"" + "a".repeat(50_000) + "!\"}"))).isNotNull();
    }

    @Test
    void badRulesAreRefusedByKey() {
        assertThatThrownBy(() -> BodyRules.compile(new BodyRulesConfig(Map.of("x", new FieldRuleConfig(null, null,
                null, null, null, null, -1, null, null, null, null, null, null, null)), null), "routes[4].body"))
                .hasMessageStartingWith("routes[4].body.fields.x.minLength");
    }

    private static void assertViolation(String body, String field, String rule) throws Exception {
        assertThat(COMMISSION.check(json(body))).as(body).isEqualTo(new BodyViolation(field, rule));
    }

    private static FieldRuleConfig rule(String type, Boolean required, BigDecimal min, BigDecimal max,
                                        BigDecimal exclusiveMin, BigDecimal exclusiveMax) {
        return new FieldRuleConfig(type, required, min, max, exclusiveMin, exclusiveMax, null, null, null, null, null,
                null, null, null);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
