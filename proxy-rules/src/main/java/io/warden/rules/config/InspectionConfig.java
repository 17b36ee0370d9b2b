package io.warden.rules.config;

import io.warden.rules.inspect.Exclusion;
import io.warden.rules.inspect.Paranoia;

import java.util.List;

/**
 * The {@code inspection:} section: injection detection for every route unless a route overrides it.
 *
 * @param mode what a finding does: block (403), detect (events only, for a safe rollout) or off
 * @param paranoia 1-4, default 2: the anomaly-score threshold (8, 7, 5, 4); higher blocks on weaker
 *                 evidence
 * @param maxBodyBytes how much of a JSON, form, multipart or text body is buffered and inspected;
 *                     the rest of a longer body passes uninspected
 * @param headers request headers inspected beside User-Agent and Referer (which always are)
 * @param exclusions findings that do not count: a rule id ({@code sqli.tautology}), a class
 *                   ({@code xss}) or {@code *}, at a location ({@code json:$.messages[*].code},
 *                   {@code query:q}, {@code header:X-Search})
 */
public record InspectionConfig(InspectionMode mode, int paranoia, long maxBodyBytes, List<String> headers,
                               List<ExclusionRule> exclusions) {

    /** One exclusion as written in YAML: {@code {rule: sqli, location: "json:$.sql"}}. */
    public record ExclusionRule(String rule, String location) {
    }

    public static InspectionConfig defaults() {
        return new InspectionConfig(InspectionMode.BLOCK, Paranoia.DEFAULT, 256 * 1024, List.of(), List.of());
    }

    void validate(Problems p) {
        p.required("inspection.mode", mode);
        if (paranoia < Paranoia.MIN || paranoia > Paranoia.MAX) {
            p.add("inspection.paranoia", "must be 1-4, got " + paranoia);
        }
        p.positive("inspection.maxBodyBytes", maxBodyBytes);
        p.each("inspection.headers", headers, name -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("must be a header name");
            }
        });
        p.each("inspection.exclusions", exclusions, e -> {
            if (e == null || e.rule() == null || !Exclusion.isValidRule(e.rule())) {
                throw new IllegalArgumentException("rule must be a rule id (sqli.tautology), a class (sqli) or *, got "
                        + (e == null ? "null" : e.rule()));
            }
            if (e.location() == null || e.location().isBlank()) {
                throw new IllegalArgumentException("location is required, e.g. json:$.message or query:q");
            }
        });
    }
}
