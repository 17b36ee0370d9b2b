package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.warden.rules.json.JsonMappers;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} in step with the config records: every dotted key that
 * {@link WardenConfig} has is documented, no documented key is missing from it, and every
 * default that fits in a cell is the one in {@link WardenConfig#defaults()}. Whoever adds,
 * renames or re-defaults a key gets the exact rows to write.
 */
class ConfigReferenceTest {

    static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final String KEY_TABLE_HEADER = "| key | default | meaning |";

    @Test
    void referenceDocumentsExactlyTheKeysOfTheConfigRecords() throws Exception {
        Map<String, String> code = keysOf(WardenConfig.class);
        Map<String, String> documented = documentedKeys(Files.readAllLines(REFERENCE));

        List<String> problems = new ArrayList<>();
        code.forEach((key, defaultCell) -> {
            if (!documented.containsKey(key)) {
                String cell = defaultCell.isEmpty() ? "<the default in words, or - if none>" : defaultCell;
                problems.add("missing, add the row:  | `" + key + "` | " + cell + " | <what it does> |");
            }
        });
        documented.keySet().stream().filter(key -> !code.containsKey(key)).forEach(key ->
                problems.add("documented but no such key, remove or rename:  `" + key + "`"));
        code.forEach((key, defaultCell) -> {
            String cell = documented.get(key);
            if (cell != null && !defaultCell.isEmpty() && !cell.equals(defaultCell)) {
                problems.add("wrong default for `" + key + "`: documented " + cell + ", the code says " + defaultCell);
            }
        });
        assertThat(problems)
                .as("docs/configuration.md (tables headed '%s') must match io.warden.rules.config", KEY_TABLE_HEADER)
                .isEmpty();
    }

    @Test
    void keyWalkSeesNestedRecordsListsOfRecordsAndLeaves() {
        Map<String, String> keys = keysOf(WardenConfig.class);
        assertThat(keys).containsEntry("upstream.pool.maxConnections", "`256`")
                .containsEntry("upstream.responseTimeout", "`1m`")
                .containsEntry("inspection.mode", "`block`")
                .containsEntry("tls.certificate", "`null`")
                .containsEntry("trustedProxies", "`[]`")
                .containsEntry("routes", "`[]`")
                .containsKey("routes[].path")
                .containsEntry("auth.identityHeaders", "")
                .containsKeys("routes[].body.fields", "routes[].body.fields.<name>.enum",
                        "routes[].body.fields.<name>.fields", "routes[].body.fields.<name>.items")
                .doesNotContainKey("routes[].body.fields.<name>.allowed")
                .doesNotContainKey("routes[].body.fields.<name>.items.type")
                .doesNotContainKey("upstream.pool")
                .doesNotContainKey("upstream");
    }

    /**
     * Every key of a config record, dotted as the YAML spells it, with its default as the
     * reference writes it: {@code `value`} for scalars and empty lists or maps, empty where it does
     * not fit a cell (non-empty lists) or there is none (inside list entries, {@code routes[].path},
     * and map entries, {@code routes[].body.fields.<name>.type}). A record met again inside itself
     * (a field rule's {@code fields}) is a key of its own, not walked again.
     */
    static Map<String, String> keysOf(Class<? extends Record> root) {
        Map<String, String> keys = new LinkedHashMap<>();
        JsonNode defaults = JsonMappers.standard().valueToTree(WardenConfig.defaults());
        walk(root, "", defaults, Set.of(root), keys);
        return keys;
    }

    private static void walk(Class<?> record, String prefix, JsonNode defaults, Set<Class<?>> enclosing,
                             Map<String, String> out) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            String key = prefix + name;
            JsonNode value = defaults == null ? null : defaults.get(name);
            Class<?> type = component.getType();
            if (type.isRecord() && !enclosing.contains(type)) {
                walk(type, key + ".", value, with(enclosing, type), out);
                continue;
            }
            out.put(key, defaults == null ? "" : cell(value));
            Class<?> element = typeArgument(component.getGenericType(), List.class, 0);
            Class<?> mapValue = typeArgument(component.getGenericType(), Map.class, 1);
            if (element != null && element.isRecord() && !enclosing.contains(element)) {
                walk(element, key + "[].", null, with(enclosing, element), out);
            } else if (mapValue != null && mapValue.isRecord() && !enclosing.contains(mapValue)) {
                walk(mapValue, key + ".<name>.", null, with(enclosing, mapValue), out);
            }
        }
    }

    private static Set<Class<?>> with(Set<Class<?>> enclosing, Class<?> type) {
        Set<Class<?>> out = new HashSet<>(enclosing);
        out.add(type);
        return out;
    }

    private static Class<?> typeArgument(Type type, Class<?> raw, int index) {
        if (type instanceof ParameterizedType p && p.getRawType() == raw
                && p.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return argument;
        }
        return null;
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "`null`";
        }
        if (value.isValueNode()) {
            return "`" + value.asText() + "`";
        }
        if (value.isEmpty()) {
            return value.isArray() ? "`[]`" : "`{}`";
        }
        return "";
    }

    /** Rows of the tables headed {@link #KEY_TABLE_HEADER}: key to its default cell. */
    static Map<String, String> documentedKeys(List<String> lines) {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.equals(KEY_TABLE_HEADER)) {
                inTable = true;
            } else if (!trimmed.startsWith("|")) {
                inTable = false;
            } else if (inTable && !trimmed.startsWith("| ---")) {
                String[] cells = trimmed.split("(?<!\\\\)\\|", -1);
                String key = cells[1].trim();
                assertThat(key).as("first cell of a key row: a `dotted.key`, in: %s", line).matches("`[^`]+`");
                keys.put(key.substring(1, key.length() - 1), cells[2].trim());
            }
        }
        return keys;
    }

    @Test
    void documentedKeysReadOnlyTheKeyTables() {
        Map<String, String> keys = documentedKeys(List.of(
                "| variable | key |", "| --- | --- |", "| `REDIS_URL` | `redis.url` |", "",
                KEY_TABLE_HEADER, "| --- | --- | --- |", "| `a.b` | `1` | one \\| two |", "| `c` | | none |"));
        assertThat(keys).containsExactly(Map.entry("a.b", "`1`"), Map.entry("c", ""));
    }
}
