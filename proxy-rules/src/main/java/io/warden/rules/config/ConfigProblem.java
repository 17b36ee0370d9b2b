package io.warden.rules.config;

/** One reason a configuration cannot be used, naming the dotted key it is about. */
public record ConfigProblem(String key, String message) {

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
