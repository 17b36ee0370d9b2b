package io.warden.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.warden.rules.config.ConfigModule;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.route.RouteTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration in layers, each overriding the one before key by key: the defaults,
 * each {@code --config} file in order, environment variables, then command-line options and
 * {@code --set}. Unknown keys and invalid values refuse with a message naming the key.
 */
public final class ConfigLoader {

    /** Environment variables of the contract and the keys they set. */
    static final Map<String, String> ENVIRONMENT_KEYS = envKeys();

    private final ObjectMapper yaml;
    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
        this.yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new ConfigModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static Map<String, String> envKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("SECURITY_ENVIRONMENT", "environment");
        keys.put("WARDEN_UPSTREAM_URL", "upstream.url");
        keys.put("SECURITY_REQUIRE_HTTPS", "tls.requireHttps");
        keys.put("SECURITY_JWT_SECRET_KEY", "auth.jwtSecret");
        keys.put("WARDEN_ADMIN_TOKEN", "admin.token");
        keys.put("SECURITY_ENABLE_SECURITY_MONITORING", "monitoring.enabled");
        keys.put("REDIS_URL", "redis.url");
        keys.put("REDIS_PASSWORD", "redis.password");
        keys.put("WARDEN_POSTGRES_URL", "monitoring.postgres.url");
        keys.put("WARDEN_POSTGRES_USER", "monitoring.postgres.user");
        keys.put("WARDEN_POSTGRES_PASSWORD", "monitoring.postgres.password");
        return Map.copyOf(keys);
    }

    /**
     * One command-line override of a dotted key.
     *
     * @param yaml whether the value is read as YAML ({@code --set}) or taken as a literal string
     */
    public record Override(String key, String value, boolean yaml) {
    }

    /**
     * @param files config files, later ones overriding earlier ones
     * @param overrides applied last, in order
     */
    public WardenConfig load(List<Path> files, List<Override> overrides) throws ConfigException {
        ObjectNode tree = yaml.valueToTree(WardenConfig.defaults());
        for (Path file : files) {
            merge(tree, readFile(file));
        }
        for (Map.Entry<String, String> env : ENVIRONMENT_KEYS.entrySet()) {
            String value = environment.get(env.getKey());
            if (value != null && !value.isBlank()) {
                set(tree, env.getValue(), scalarOrYaml(env.getValue(), value, env.getKey()));
            }
        }
        for (Override override : overrides) {
            JsonNode value = override.yaml()
                    ? scalarOrYaml(override.key(), override.value(), "--set")
                    : JsonNodeFactory.instance.textNode(override.value());
            set(tree, override.key(), value);
        }
        WardenConfig config = bind(tree);
        List<ConfigProblem> problems = new ArrayList<>(config.validate());
        // routes are compiled against the rest of the config, which must be valid first (found by
        // ConfigLoaderProperties: a bad inspection.paranoia used to escape as an exception here)
        if (problems.isEmpty() && config.routes() != null && config.auth() != null && config.limits() != null
                && config.rateLimit() != null) {
            problems.addAll(RouteTable.problems(config));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private JsonNode readFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(file.toString(), "is not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(file.toString(), "must hold a mapping of keys at the top level");
        }
        return node;
    }

    /** Objects merge key by key; anything else replaces what was there. */
    static void merge(ObjectNode target, JsonNode layer) {
        for (Map.Entry<String, JsonNode> field : layer.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private JsonNode scalarOrYaml(String key, String value, String source) throws ConfigException {
        try {
            JsonNode node = yaml.readTree(value);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(value) : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(key, "value from " + source + " is not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** Sets a dotted key ({@code rateLimit.allowList}, {@code routes.0.path}), creating objects on the way. */
    static void set(ObjectNode root, String dottedKey, JsonNode value) throws ConfigException {
        String[] parts = dottedKey.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean lastPart = i == parts.length - 1;
            if (part.isEmpty()) {
                throw new ConfigException(dottedKey, "is not a valid key");
            }
            if (node instanceof ObjectNode object) {
                if (lastPart) {
                    object.set(part, value);
                    return;
                }
                JsonNode child = object.get(part);
                if (child == null || child.isNull()) {
                    child = object.putObject(part);
                }
                node = child;
            } else if (node instanceof ArrayNode array && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                if (index >= array.size()) {
                    throw new ConfigException(dottedKey, "index " + index + " is past the end of the list");
                }
                if (lastPart) {
                    array.set(index, value);
                    return;
                }
                node = array.get(index);
            } else {
                throw new ConfigException(dottedKey, "cannot set below '" + part + "': its parent is not a mapping");
            }
        }
    }

    private WardenConfig bind(ObjectNode tree) throws ConfigException {
        try {
            return yaml.treeToValue(tree, WardenConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(keyOf(e), describe(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", e.getOriginalMessage());
        }
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.length() == 0 ? "config" : key.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            known.sort(String::compareTo);
            return "unknown key" + (known.isEmpty() ? "" : "; known keys here: "
                    + known.stream().collect(Collectors.joining(", ")));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'"
                    + (f.getCause() != null ? " (" + f.getCause().getMessage() + ")" : "");
        }
        if (e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.Duration.class) {
            return "a duration such as 500ms, 5s, 2m";
        }
        return type.getSimpleName();
    }
}
