package io.warden.rules.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations as operators write them: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d},
 * or ISO-8601 ({@code PT5S}).
 */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        int unitAt = 0;
        while (unitAt < s.length() && Character.isDigit(s.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 12) {
            throw invalid(text);
        }
        long amount = Long.parseLong(s.substring(0, unitAt));
        return switch (s.substring(unitAt).trim()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw invalid(text);
        };
    }

    /** The shortest exact spelling in the units {@link #parse} reads. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("expected a duration such as 500ms, 5s, 2m, 1h or 7d, got '" + text + "'");
    }
}
