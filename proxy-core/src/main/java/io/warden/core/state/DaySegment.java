package io.warden.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One day's event file (JSON Lines, append-only) and its in-memory index. The event bus thread is
 * its only writer; searches read it concurrently with positional reads.
 */
final class DaySegment {

    private static final int LOAD_BUFFER = 1 << 20;

    private final LocalDate day;
    private final Path path;
    private final long dayStartMillis;
    private final DayIndex index = new DayIndex();
    private final FileChannel channel;
    private volatile long size;

    private DaySegment(LocalDate day, Path path, FileChannel channel, long size) {
        this.day = day;
        this.path = path;
        this.dayStartMillis = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.channel = channel;
        this.size = size;
    }

    static DaySegment create(LocalDate day, Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        DaySegment segment = new DaySegment(day, path, channel, 0);
        segment.index(new JsonFactory());
        return segment;
    }

    LocalDate day() {
        return day;
    }

    Path path() {
        return path;
    }

    DayIndex index() {
        return index;
    }

    long size() {
        return size;
    }

    int millisOfDay(Instant timestamp) {
        return (int) Math.max(0, Math.min(86_399_999L, timestamp.toEpochMilli() - dayStartMillis));
    }

    /**
     * Appends the lines in one write and indexes them; all or nothing: when the write fails the
     * file is cut back to where it was, so no half line stays behind.
     */
    void append(ByteBuffer lines, List<DayIndex.Entry> entries) throws IOException {
        long start = size;
        try {
            long at = start;
            while (lines.hasRemaining()) {
                at += channel.write(lines, at);
            }
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException ignored) {
                // the next load skips a half line, which is all that truncating would have saved
            }
            throw e;
        }
        for (DayIndex.Entry entry : entries) {
            index.add(entry);
        }
        size = start + entries.stream().mapToLong(DayIndex.Entry::length).sum();
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** A reader of this file's lines for one search (not shared between threads). */
    LineReader reader() {
        return new LineReader(channel);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a file we only stop using: nothing to save
        }
    }

    /**
     * Indexes what the file holds, reading only the fields the index keeps. A last line without
     * its newline (a crash mid-write) is cut off so appends stay whole lines; lines that do not
     * parse are skipped.
     */
    private void index(JsonFactory factory) throws IOException {
        long fileSize = channel.size();
        byte[] buffer = new byte[LOAD_BUFFER];
        int filled = 0;
        long bufferStart = 0;
        long read = 0;
        while (read < fileSize) {
            int n = channel.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled), read);
            if (n <= 0) {
                break;
            }
            read += n;
            filled += n;
            int lineStart = 0;
            for (int i = 0; i < filled; i++) {
                if (buffer[i] == '\n') {
                    indexLine(factory, buffer, lineStart, i - lineStart, bufferStart + lineStart);
                    lineStart = i + 1;
                }
            }
            if (lineStart == 0 && filled == buffer.length) {
                // a line longer than the buffer is nothing Warden wrote: skip to its end
                filled = 0;
                bufferStart = read;
                continue;
            }
            System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
            bufferStart += lineStart;
            filled -= lineStart;
        }
        size = bufferStart;
        if (bufferStart < fileSize) {
            channel.truncate(bufferStart);
        }
    }

    private void indexLine(JsonFactory factory, byte[] buffer, int start, int length, long offset) {
        DayIndex.Entry fast = LineScanner.scan(buffer, start, length, offset);
        if (fast != null) {
            index.add(fast);
            return;
        }
        String eventId = null;
        EventType type = null;
        ThreatLevel level = null;
        Instant timestamp = null;
        String sourceIp = null;
        String requestId = null;
        try (JsonParser p = factory.createParser(buffer, start, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "event_id" -> eventId = p.getValueAsString();
                    case "event_type" -> type = EventType.parse(p.getValueAsString());
                    case "threat_level" -> level = ThreatLevel.parse(p.getValueAsString());
                    case "timestamp" -> timestamp = Instant.parse(p.getValueAsString());
                    case "source_ip" -> sourceIp = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "request_id" -> requestId = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return;
        }
        if (eventId == null || type == null || level == null || timestamp == null) {
            return;
        }
        index.add(new DayIndex.Entry(offset, length + 1, millisOfDay(timestamp), type, level,
                AddressKeys.of(sourceIp), requestId == null ? 0 : requestId.hashCode(), eventId.hashCode()));
    }
}
