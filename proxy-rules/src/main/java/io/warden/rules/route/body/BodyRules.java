package io.warden.rules.route.body;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.rules.config.BodyRulesConfig;

/**
 * A route's compiled body rules. Compiling validates them (unknown types, bad patterns, negative
 * lengths), naming the key; checking a body reports the first field that breaks a rule.
 */
public final class BodyRules {

    private final FieldRule.ObjectRules root;

    private BodyRules(FieldRule.ObjectRules root) {
        this.root = root;
    }

    /**
     * @param key the config key of these rules, for messages (e.g. {@code routes[3].body})
     * @throws IllegalArgumentException naming the key of the first bad rule
     */
    public static BodyRules compile(BodyRulesConfig config, String key) {
        return new BodyRules(FieldRule.ObjectRules.compile(config.fields(), config.additionalFields(), key + ".fields"));
    }

    /** The rules in words, e.g. {@code 2 fields (sale_price required, commission_rate required), no others}. */
    public String describe() {
        return root.describe();
    }

    /** The first violation, or null. A body that is not a JSON object breaks the rule {@code type object}. */
    public BodyViolation check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new BodyViolation("$", "type object");
        }
        return root.check("", body);
    }
}
