package io.warden.rules.ratelimit.block;

/**
 * What an automatic block did.
 *
 * @param record the block now in force (a fresh one, or the one already there)
 * @param outcome whether this call created it
 */
public record BlockResult(BlockRecord record, Outcome outcome) {

    public enum Outcome {
        /** A new block, kept in the list. */
        BLOCKED,
        /** The address was blocked already; nothing changed. */
        ALREADY_BLOCKED,
        /** A new block answered for this request but not kept: the list is at {@code blocking.maxEntries}. */
        NOT_STORED,
        /** The address is on the allow-list and is never blocked. */
        ALLOWED
    }

    public boolean isNew() {
        return outcome == Outcome.BLOCKED || outcome == Outcome.NOT_STORED;
    }
}
