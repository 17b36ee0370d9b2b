package io.warden.core.config;

import io.warden.rules.config.WardenConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the configuration comes from: the files, the command-line overrides and the environment
 * it was first loaded with, so a reload reads exactly the same layers again.
 */
public record ConfigSource(List<Path> files, List<ConfigLoader.Override> overrides, Map<String, String> environment) {

    public ConfigSource {
        files = List.copyOf(files);
        overrides = List.copyOf(overrides);
        environment = Map.copyOf(environment);
    }

    public WardenConfig load() throws ConfigException {
        return new ConfigLoader(environment).load(files, overrides);
    }
}
