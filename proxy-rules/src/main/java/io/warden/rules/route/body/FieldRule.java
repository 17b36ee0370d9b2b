package io.warden.rules.route.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.warden.rules.config.FieldRuleConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One field's compiled rule; {@link #check} reports the first rule the value breaks. */
final class FieldRule {

    private final FieldType type;
    private final boolean required;
    private final BigDecimal minimum;
    private final BigDecimal maximum;
    private final BigDecimal exclusiveMinimum;
    private final BigDecimal exclusiveMaximum;
    private final Integer minLength;
    private final Integer maxLength;
    private final Set<JsonNode> allowed;
    private final Pattern pattern;
    private final ObjectRules members;
    private final FieldRule items;
    private final Integer maxItems;

    private FieldRule(FieldRuleConfig c, String key) {
        this.type = c.type() == null ? null : typeOf(c.type(), key);
        this.required = Boolean.TRUE.equals(c.required());
        this.minimum = c.minimum();
        this.maximum = c.maximum();
        this.exclusiveMinimum = c.exclusiveMinimum();
        this.exclusiveMaximum = c.exclusiveMaximum();
        this.minLength = nonNegative(c.minLength(), key + ".minLength");
        this.maxLength = nonNegative(c.maxLength(), key + ".maxLength");
        this.maxItems = nonNegative(c.maxItems(), key + ".maxItems");
        this.allowed = c.allowed() == null ? null : c.allowed().stream()
                .map(FieldRule::toTree)
                .map(FieldRule::plain)
                .collect(Collectors.toUnmodifiableSet());
        try {
            this.pattern = c.pattern() == null ? null : Pattern.compile(c.pattern());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + ".pattern: not a valid regular expression: " + e.getDescription());
        }
        this.members = c.fields() == null && c.additionalFields() == null ? null
                : ObjectRules.compile(c.fields(), c.additionalFields(), key + ".fields");
        this.items = c.items() == null ? null : compile(c.items(), key + ".items");
    }

    private static FieldType typeOf(String text, String key) {
        try {
            return FieldType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".type: " + e.getMessage());
        }
    }

    static FieldRule compile(FieldRuleConfig config, String key) {
        if (config == null) {
            throw new IllegalArgumentException(key + ": a field rule is required");
        }
        return new FieldRule(config, key);
    }

    boolean required() {
        return required;
    }

    /** The first rule the value breaks, or null when it passes. */
    BodyViolation check(String field, JsonNode value) {
        if (type != null && !type.accepts(value)) {
            return new BodyViolation(field, "type " + type.wireName());
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (minimum != null && number.compareTo(minimum) < 0) {
                return new BodyViolation(field, "minimum");
            }
            if (maximum != null && number.compareTo(maximum) > 0) {
                return new BodyViolation(field, "maximum");
            }
            if (exclusiveMinimum != null && number.compareTo(exclusiveMinimum) <= 0) {
                return new BodyViolation(field, "exclusiveMinimum");
            }
            if (exclusiveMaximum != null && number.compareTo(exclusiveMaximum) >= 0) {
                return new BodyViolation(field, "exclusiveMaximum");
            }
        }
        if (value.isTextual()) {
            String text = value.textValue();
            int length = text.codePointCount(0, text.length());
            if (minLength != null && length < minLength) {
                return new BodyViolation(field, "minLength");
            }
            if (maxLength != null && length > maxLength) {
                return new BodyViolation(field, "maxLength");
            }
            if (pattern != null && !pattern.matches(text)) {
                return new BodyViolation(field, "pattern");
            }
        }
        if (allowed != null && !allowed.contains(plain(value))) {
            return new BodyViolation(field, "enum");
        }
        if (value.isObject() && members != null) {
            BodyViolation inner = members.check(field + ".", value);
            if (inner != null) {
                return inner;
            }
        }
        if (value.isArray()) {
            if (maxItems != null && value.size() > maxItems) {
                return new BodyViolation(field, "maxItems");
            }
            if (items != null) {
                for (int i = 0; i < value.size(); i++) {
                    BodyViolation inner = items.check(field + "[" + i + "]", value.get(i));
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    /** Numbers compare by value (1 equals 1.0), everything else as JSON. */
    private static JsonNode plain(JsonNode node) {
        return node.isNumber() ? JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros()) : node;
    }

    /** A value from the YAML config as the JSON node a body would carry. */
    private static JsonNode toTree(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof Number n) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(n.toString()));
        }
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        return JsonNodeFactory.instance.textNode(value.toString());
    }

    private static Integer nonNegative(Integer value, String key) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(key + ": must be 0 or more, got " + value);
        }
        return value;
    }

    /** The rules of an object's members: listed fields, and whether others are allowed. */
    static final class ObjectRules {
        private final Map<String, FieldRule> fields;
        private final boolean additionalFields;

        private ObjectRules(Map<String, FieldRule> fields, boolean additionalFields) {
            this.fields = fields;
            this.additionalFields = additionalFields;
        }

        static ObjectRules compile(Map<String, FieldRuleConfig> fields, Boolean additionalFields, String key) {
            Map<String, FieldRule> compiled = new LinkedHashMap<>();
            if (fields != null) {
                fields.forEach((name, rule) -> compiled.put(name, FieldRule.compile(rule, key + "." + name)));
            }
            return new ObjectRules(Map.copyOf(compiled), additionalFields == null || additionalFields);
        }

        BodyViolation check(String prefix, JsonNode object) {
            for (Map.Entry<String, FieldRule> entry : fields.entrySet()) {
                JsonNode value = object.get(entry.getKey());
                String field = prefix + entry.getKey();
                if (value == null) {
                    if (entry.getValue().required()) {
                        return new BodyViolation(field, "required");
                    }
                    continue;
                }
                BodyViolation violation = entry.getValue().check(field, value);
                if (violation != null) {
                    return violation;
                }
            }
            if (!additionalFields) {
                for (String name : (Iterable<String>) object::fieldNames) {
                    if (!fields.containsKey(name)) {
                        return new BodyViolation(prefix + printable(name), "additionalFields");
                    }
                }
            }
            return null;
        }

        String describe() {
            List<String> listed = new ArrayList<>();
            fields.forEach((name, rule) -> listed.add(name + (rule.required() ? " (required)" : "")));
            java.util.Collections.sort(listed);
            return fields.size() + " fields " + listed + (additionalFields ? ", others allowed" : ", no others");
        }

        /** An unknown member's name is the client's text: shown only when it is plainly a name. */
        private static String printable(String name) {
            return name.length() <= 64 && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'
                    || c == '-') ? name : "(unlisted field)";
        }
    }
}
