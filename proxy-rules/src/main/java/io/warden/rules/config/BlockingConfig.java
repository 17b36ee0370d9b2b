package io.warden.rules.config;

import java.time.Duration;

/**
 * @param violationsBeforeBlock rejected requests within the window an address may collect; the
 *                              next one blocks it
 * @param blockMinutes how long a first block lasts
 * @param window how far back violations count
 * @param maxBlock the longest a repeated block may last; each re-offence doubles the last one
 * @param jitter up to this fraction is added at random to a repeated block, so a fleet of
 *               blocked addresses does not return at one instant
 * @param offenceMemory how long an address's earlier blocks make the next one longer
 * @param failedLoginWindow how far back failed logins count towards {@code auth.maxFailedLogins}
 * @param maxEntries the most addresses held blocked; past it further automatic blocks are
 *                   still answered 403 but not kept, so the list cannot exhaust the heap
 * @param mode automatic blocking: enforce, detect (reported as events, not applied) or off;
 *             manual blocks always apply
 */
public record BlockingConfig(int violationsBeforeBlock, int blockMinutes, Duration window, Duration maxBlock,
                             double jitter, Duration offenceMemory, Duration failedLoginWindow, int maxEntries,
                             LimitMode mode) {

    public static BlockingConfig defaults() {
        return new BlockingConfig(5, 15, Duration.ofMinutes(1), Duration.ofHours(24), 0.2, Duration.ofHours(24),
                Duration.ofMinutes(15), 100_000, LimitMode.ENFORCE);
    }

    public Duration firstBlock() {
        return Duration.ofMinutes(blockMinutes);
    }

    void validate(Problems p) {
        p.positive("blocking.violationsBeforeBlock", violationsBeforeBlock);
        p.positive("blocking.blockMinutes", blockMinutes);
        p.positive("blocking.window", window);
        p.positive("blocking.maxBlock", maxBlock);
        if (maxBlock != null && !maxBlock.isNegative() && maxBlock.compareTo(Duration.ofMinutes(blockMinutes)) < 0) {
            p.add("blocking.maxBlock", "must be at least blocking.blockMinutes (" + blockMinutes + "m), got "
                    + Durations.format(maxBlock));
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            p.add("blocking.jitter", "must be a fraction in 0..1, got " + jitter);
        }
        p.positive("blocking.offenceMemory", offenceMemory);
        p.positive("blocking.failedLoginWindow", failedLoginWindow);
        p.positive("blocking.maxEntries", maxEntries);
        p.required("blocking.mode", mode);
    }
}
