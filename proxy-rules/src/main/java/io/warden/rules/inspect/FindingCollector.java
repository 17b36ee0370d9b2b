package io.warden.rules.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers one request's findings. Each inspected value is scored on its own (the sum of its
 * findings, after exclusions); the request's score is the highest value score, so weak hints
 * scattered over a long chat history never add up to a block. Mutable, one request, one thread.
 */
public final class FindingCollector {

    /** Findings kept for the event; scores keep counting beyond it. */
    public static final int MAX_FINDINGS = 16;

    private final List<Exclusion> exclusions;
    private final int criticalScore;
    private final List<Finding> findings = new ArrayList<>();
    private int score;
    private InspectionVerdict.BodyProblem problem;

    /** @param criticalScore the score from which a request's findings are critical */
    public FindingCollector(List<Exclusion> exclusions, int criticalScore) {
        this.exclusions = exclusions;
        this.criticalScore = criticalScore;
    }

    /**
     * Whether no later value can change the verdict but for the height of its score: the kept
     * findings are full and the score is already critical, so the decision, the event's level and
     * its findings stay as they are. An attack-heavy body is then not read to its end: reading
     * every one of its values cost milliseconds per 64 KB.
     */
    boolean saturated() {
        return findings.size() >= MAX_FINDINGS && score >= criticalScore;
    }

    /** Whether findings of {@code rule} at {@code location} are excluded by the settings. */
    boolean excluded(Rule rule, String location) {
        for (int i = 0; i < exclusions.size(); i++) {
            if (exclusions.get(i).matches(rule, location)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the findings of one value, already filtered by exclusions. */
    void addValue(List<Finding> valueFindings) {
        int sum = 0;
        for (Finding f : valueFindings) {
            sum += f.score();
            if (findings.size() < MAX_FINDINGS) {
                findings.add(f);
            }
        }
        score = Math.max(score, sum);
    }

    public void bodyProblem(InspectionVerdict.BodyProblem bodyProblem) {
        if (problem == null) {
            problem = bodyProblem;
        }
    }

    public InspectionVerdict verdict() {
        if (findings.isEmpty() && problem == null) {
            return InspectionVerdict.clean();
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::score).reversed());
        return new InspectionVerdict(score, sorted, problem);
    }
}
