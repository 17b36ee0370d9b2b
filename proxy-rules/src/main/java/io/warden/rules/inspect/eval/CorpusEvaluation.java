package io.warden.rules.inspect.eval;

import io.warden.rules.config.InspectionMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.inspect.InspectionCheck;
import io.warden.rules.inspect.InspectionEngine;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.pipeline.Decision;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the inspection over labelled corpus lines, each placed as a query parameter, a JSON
 * string field and a form field of a realistic request, through the same {@link InspectionCheck}
 * the pipeline runs (in block mode), and counts what was blocked. Pure: the caller reads the files.
 */
public final class CorpusEvaluation {

    private final InspectionCheck check;

    public CorpusEvaluation(InspectionEngine engine, InspectionSettings settings) {
        InspectionSettings blocking = settings.withMode(InspectionMode.BLOCK);
        this.check = new InspectionCheck(engine, request -> blocking,
                new EventFactory(InstantSource.fixed(Instant.EPOCH)));
    }

    /** The evaluation with the standard engine at the default settings. */
    public static CorpusEvaluation standard() {
        return new CorpusEvaluation(InspectionEngine.standard(), InspectionSettings.defaults());
    }

    public ClassResult evaluate(String label, boolean attack, List<String> lines) {
        Map<Placement, Integer> flagged = new EnumMap<>(Placement.class);
        Map<Placement, List<String>> surprises = new EnumMap<>(Placement.class);
        for (Placement placement : Placement.values()) {
            int count = 0;
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                boolean blocked = blocked(placement, lines.get(i), i);
                if (blocked) {
                    count++;
                }
                if (blocked != attack) {
                    wrong.add(lines.get(i));
                }
            }
            flagged.put(placement, count);
            surprises.put(placement, wrong);
        }
        return new ClassResult(label, attack, lines.size(), flagged, surprises);
    }

    /** Whether the request carrying {@code value} at {@code placement} is blocked. */
    public boolean blocked(Placement placement, String value, int sequence) {
        SyntheticRequests.Request request = SyntheticRequests.of(placement, value, sequence);
        if (check.check(request.context()) instanceof Decision.Reject) {
            return true;
        }
        return request.body() != null && check.wants(request.context())
                && check.check(request.context(), request.body()) instanceof Decision.Reject;
    }

    /** The results as a markdown table: detection rate for attack sets, flagged rate for benign ones. */
    public static String markdown(List<ClassResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| set | measure | lines |");
        for (Placement p : Placement.values()) {
            out.append(' ').append(p.label()).append(" |");
        }
        out.append("\n| --- | --- | ---: |");
        for (int i = 0; i < Placement.values().length; i++) {
            out.append(" ---: |");
        }
        out.append('\n');
        for (ClassResult r : results) {
            out.append("| ").append(r.label()).append(" | ").append(r.attack() ? "detected" : "flagged")
                    .append(" | ").append(r.lines()).append(" |");
            for (Placement p : Placement.values()) {
                out.append(String.format(Locale.ROOT, " %.2f%% (%d) |", 100 * r.rate(p), r.flagged().get(p)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
