package io.warden.rules.ratelimit.block;

import java.util.List;

/**
 * The active blocks at one moment, for core to write under the data directory and read back on
 * start ({@link BlockList#restore}). Plain records, so Jackson writes and reads them as they are.
 *
 * @param version the format's version, for a future reader
 */
public record BlockSnapshot(int version, List<BlockRecord> blocks) {

    public static final int CURRENT_VERSION = 1;

    public BlockSnapshot {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }
}
