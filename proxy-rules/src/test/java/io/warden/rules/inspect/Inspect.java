package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.Normalizer;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: run one detector (or all) on a value and read the findings. */
public final class Inspect {

    private Inspect() {
    }

    /** One report a detector made. */
    public record Report(Rule rule, int score) {
    }

    public static List<Report> run(Detector detector, String value) {
        return run(detector, value, ValueKind.JSON_VALUE);
    }

    public static List<Report> run(Detector detector, String value, ValueKind kind) {
        List<Report> reports = new ArrayList<>();
        detector.inspect(Normalizer.normalize(value), kind, (rule, score, view, from) -> reports.add(new Report(rule, score)));
        return reports;
    }

    /** The summed score a detector gives a value (as one location counts it). */
    public static int score(Detector detector, String value) {
        return score(detector, value, ValueKind.JSON_VALUE);
    }

    public static int score(Detector detector, String value, ValueKind kind) {
        int best = 0;
        java.util.Map<Rule, Integer> perRule = new java.util.EnumMap<>(Rule.class);
        for (Report r : run(detector, value, kind)) {
            perRule.merge(r.rule(), r.score(), Math::max);
        }
        for (int s : perRule.values()) {
            best += s;
        }
        return best;
    }

    /** The default threshold: what a score must reach to block. */
    public static int threshold() {
        return Paranoia.threshold(Paranoia.DEFAULT);
    }
}
