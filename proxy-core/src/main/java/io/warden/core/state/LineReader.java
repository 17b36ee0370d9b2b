package io.warden.core.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a day file's lines for one search, a block at a time: a search walks newest first, so
 * one read of the block ending at a line serves the lines before it too, and a scan over a million
 * lines costs a few hundred reads instead of a million.
 */
final class LineReader {

    private static final int BLOCK = 256 * 1024;

    private final FileChannel channel;
    private byte[] block;
    private long blockStart = -1;
    private int blockLength;
    private int lineStart;
    private int lineLength;

    LineReader(FileChannel channel) {
        this.channel = channel;
    }

    /** Makes entry {@code i}'s line (without its newline) available as {@link #bytes()} from {@link #start()}. */
    void read(DayIndex.Columns c, int i) throws IOException {
        long offset = c.offsets[i];
        int length = c.lengths[i] - 1;
        if (blockStart < 0 || offset < blockStart || offset + length > blockStart + blockLength) {
            load(offset, length);
        }
        lineStart = (int) (offset - blockStart);
        lineLength = length;
    }

    private void load(long offset, int length) throws IOException {
        long end = offset + length;
        int size = Math.max(BLOCK, length);
        long start = Math.max(0, end - size);
        int want = (int) (end - start);
        if (block == null || block.length < want) {
            block = new byte[Math.max(want, BLOCK)];
        }
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, want);
        long at = start;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("event file ends before an indexed line");
            }
            at += n;
        }
        blockStart = start;
        blockLength = want;
    }

    byte[] bytes() {
        return block;
    }

    int start() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    /** Whether the line holds {@code needle} (lower-case ASCII), ignoring ASCII case. */
    boolean containsIgnoringCase(byte[] needle) {
        int last = lineStart + lineLength - needle.length;
        byte first = needle[0];
        for (int i = lineStart; i <= last; i++) {
            if (lower(block[i]) != first) {
                continue;
            }
            int k = 1;
            while (k < needle.length && lower(block[i + k]) == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c | 0x20) : c;
    }
}
