package io.warden.rules.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects every problem of a configuration, so an operator fixes them in one round. */
public final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    public void add(String key, String message) {
        found.add(new ConfigProblem(key, message));
    }

    /** Runs a parse and records its exception's message against {@code key}. */
    public void check(String key, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            add(key, e.getMessage());
        }
    }

    public void positive(String key, long value) {
        if (value <= 0) {
            add(key, "must be greater than 0, got " + value);
        }
    }

    public void positive(String key, java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            add(key, "must be a positive duration, got " + (value == null ? "null" : Durations.format(value)));
        }
    }

    public void required(String key, Object value) {
        if (value == null) {
            add(key, "is required");
        }
    }

    public <T> void each(String key, List<T> values, Consumer<T> parse) {
        if (values == null) {
            add(key, "must be a list, got null");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            T value = values.get(i);
            check(key + "[" + i + "]", () -> parse.accept(value));
        }
    }

    public List<ConfigProblem> list() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }
}
