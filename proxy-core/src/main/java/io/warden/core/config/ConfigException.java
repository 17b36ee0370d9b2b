package io.warden.core.config;

import io.warden.rules.config.ConfigProblem;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; every problem names its key. */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String key, String message) {
        this(List.of(new ConfigProblem(key, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
