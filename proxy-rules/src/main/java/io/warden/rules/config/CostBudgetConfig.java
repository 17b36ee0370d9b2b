package io.warden.rules.config;

/**
 * A usage budget per user and hour ({@code rateLimit.costBudget}), charged with the number the
 * upstream reports in a response header (e.g. model tokens an answer used), so a client that stays
 * under the request rate with a few enormous prompts is still held back. Anonymous clients are
 * charged per address.
 *
 * @param mode enforce, detect (events only) or off; off by default since it needs the upstream's header
 * @param header the upstream response header carrying the cost of one answer
 * @param perHour cost units a user may spend an hour
 */
public record CostBudgetConfig(LimitMode mode, String header, long perHour) {

    public static CostBudgetConfig defaults() {
        return new CostBudgetConfig(LimitMode.OFF, "X-Usage-Tokens", 200_000);
    }

    void validate(Problems p) {
        p.required("rateLimit.costBudget.mode", mode);
        if (header == null || header.isBlank() || !header.chars().allMatch(CostBudgetConfig::tokenChar)) {
            p.add("rateLimit.costBudget.header", "must be a header name, got '" + header + "'");
        }
        p.positive("rateLimit.costBudget.perHour", perHour);
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
