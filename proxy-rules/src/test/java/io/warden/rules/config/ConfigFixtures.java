package io.warden.rules.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warden.rules.json.JsonMappers;

/** Configurations for tests: the defaults with a few dotted keys changed, bound as the loader binds. */
public final class ConfigFixtures {

    private static final ObjectMapper JSON = JsonMappers.standard();

    private ConfigFixtures() {
    }

    /** @param keysAndValues dotted key, value, dotted key, value, ... */
    public static WardenConfig with(Object... keysAndValues) {
        ObjectNode tree = JSON.valueToTree(WardenConfig.defaults());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String[] path = ((String) keysAndValues[i]).split("\\.");
            ObjectNode node = tree;
            for (int p = 0; p < path.length - 1; p++) {
                node = (ObjectNode) node.get(path[p]);
            }
            JsonNode value = JSON.valueToTree(keysAndValues[i + 1]);
            node.set(path[path.length - 1], value);
        }
        try {
            return JSON.treeToValue(tree, WardenConfig.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a valid test configuration: " + e.getMessage(), e);
        }
    }
}
