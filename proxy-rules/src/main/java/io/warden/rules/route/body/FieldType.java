package io.warden.rules.route.body;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** The JSON types a field rule can ask for. */
enum FieldType {
    STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, NULL;

    static FieldType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected string, number, integer, boolean, object, array or null, got '" + text + "'");
        }
    }

    boolean accepts(JsonNode node) {
        return switch (this) {
            case STRING -> node.isTextual();
            case NUMBER -> node.isNumber();
            case INTEGER -> node.isIntegralNumber()
                    || node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0;
            case BOOLEAN -> node.isBoolean();
            case OBJECT -> node.isObject();
            case ARRAY -> node.isArray();
            case NULL -> node.isNull();
        };
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
