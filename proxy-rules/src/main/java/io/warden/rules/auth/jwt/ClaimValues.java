package io.warden.rules.auth.jwt;

import com.auth0.jwt.interfaces.Claim;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a payload's JSON claims into plain, unmodifiable Java values, and looks them up. */
public final class ClaimValues {

    private ClaimValues() {
    }

    static Map<String, Object> of(Map<String, Claim> claims) {
        Map<String, Object> out = new LinkedHashMap<>(claims.size() * 2);
        for (Map.Entry<String, Claim> e : claims.entrySet()) {
            Object value = java(e.getValue().as(JsonNode.class));
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The claim {@code name}, or when no claim has that exact name (names may contain dots, as
     * namespaced claims like {@code https://example.com/roles} do), the value at that dotted path.
     */
    public static Object lookup(Map<String, Object> claims, String name) {
        Object direct = claims.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Object at = claims;
        for (String part : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }

    /**
     * A claim as a list of strings: an array's string and number items, or a string split on
     * spaces (the OAuth {@code scope} form); empty for anything else.
     */
    public static List<String> strings(Object value) {
        if (value instanceof String s) {
            List<String> parts = new ArrayList<>();
            for (String part : s.trim().split(" +")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return parts;
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof String || item instanceof Number) {
                    out.add(item.toString());
                }
            }
            return out;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return List.of(value.toString());
        }
        return List.of();
    }

    private static Object java(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                Object value = java(item);
                if (value != null) {
                    items.add(value);
                }
            }
            return Collections.unmodifiableList(items);
        }
        if (node.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Object value = java(field.getValue());
                if (value != null) {
                    fields.put(field.getKey(), value);
                }
            }
            return Collections.unmodifiableMap(fields);
        }
        return null;
    }
}
