package io.warden.rules.inspect;

import java.util.List;

/**
 * What inspecting a request (head or body) found.
 *
 * @param score the anomaly score: the highest sum of finding scores at any one location; once the
 *              findings are full and the score critical, later values are not read, and the score
 *              is then the highest of those read
 * @param findings what counted toward it, highest score first, at most {@link FindingCollector#MAX_FINDINGS}
 * @param bodyProblem why the body could not be inspected (it is then rejected with 400), or null
 */
public record InspectionVerdict(int score, List<Finding> findings, BodyProblem bodyProblem) {

    /** A body that cannot be inspected as its content type promises. */
    public enum BodyProblem {
        MALFORMED_JSON("malformed JSON body"),
        TOO_COMPLEX("JSON body too deeply nested or too large to inspect");

        private final String reason;

        BodyProblem(String reason) {
            this.reason = reason;
        }

        /** The short reason a client gets. */
        public String reason() {
            return reason;
        }
    }

    public InspectionVerdict {
        findings = List.copyOf(findings);
    }

    public static InspectionVerdict clean() {
        return new InspectionVerdict(0, List.of(), null);
    }

    public boolean reaches(int threshold) {
        return score >= threshold;
    }
}
