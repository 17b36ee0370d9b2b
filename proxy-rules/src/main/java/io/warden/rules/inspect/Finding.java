package io.warden.rules.inspect;

/**
 * One thing a detector found.
 *
 * @param rule what fired
 * @param score how much it adds to the request's anomaly score
 * @param location where in the request, e.g. {@code query:q}, {@code json:$.message},
 *                 {@code header:User-Agent}, {@code cookie:sid}, {@code path}
 * @param excerpt at most {@link Excerpts#MAX_LENGTH} characters of the normalised input around
 *                the finding, control characters escaped: safe to log, never the whole value
 */
public record Finding(Rule rule, int score, String location, String excerpt) {

    public String ruleId() {
        return rule.id();
    }

    public AttackClass attackClass() {
        return rule.attackClass();
    }
}
