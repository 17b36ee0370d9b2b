package io.warden.core.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.events.DayCounts;
import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The reading half of {@link EventLog}: search, lookup by id and daily counts over the day
 * segments the log writes. Walks the indexes newest first and reads from disk only the lines whose
 * indexed facts match. Any thread; it never writes.
 */
final class EventLogReader {

    /** Under the log's own name, the one operators already filter on. */
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final ConcurrentSkipListMap<LocalDate, DaySegment> days;
    private final ObjectMapper json;

    /** @param days the log's day segments, shared with the writer that adds to them */
    EventLogReader(ConcurrentSkipListMap<LocalDate, DaySegment> days, ObjectMapper json) {
        this.days = days;
        this.json = json;
    }

    EventPage search(EventQuery query, String cursor) {
        SearchPosition from = SearchPosition.parse(cursor);
        LocalDate newest = query.until() == null ? null : EventLog.dayOf(query.until());
        LocalDate oldest = query.since() == null ? null : EventLog.dayOf(query.since());
        if (from != null && (newest == null || from.day().isBefore(newest))) {
            newest = from.day();
        }
        ColumnFilter filter = new ColumnFilter(query);
        byte[] needle = asciiNeedle(query.text());
        List<SecurityEvent> found = new ArrayList<>(Math.min(query.limit(), 64));
        var segments = newest == null ? days.descendingMap() : days.headMap(newest, true).descendingMap();
        for (DaySegment segment : segments.values()) {
            if (oldest != null && segment.day().isBefore(oldest)) {
                break;
            }
            DayIndex index = segment.index();
            int count = index.count();
            DayIndex.Columns c = index.columns();
            int start = from != null && from.day().equals(segment.day()) ? Math.min(from.index(), count) : count;
            LineReader reader = segment.reader();
            for (int i = start - 1; i >= 0; i--) {
                if (!filter.candidate(segment, c, i)) {
                    continue;
                }
                SecurityEvent e = readMatching(segment, reader, c, i, query, needle);
                if (e == null) {
                    continue;
                }
                found.add(e);
                if (found.size() == query.limit()) {
                    return new EventPage(found, i == 0 && segment.day().equals(days.firstKey()) ? null
                            : new SearchPosition(segment.day(), i).toString());
                }
            }
        }
        return new EventPage(found, null);
    }

    /**
     * The event of entry {@code i} if it matches the whole query.
     *
     * @param needle the text query as lower-case ASCII bytes, or null (no text, or not ASCII)
     */
    private SecurityEvent readMatching(DaySegment segment, LineReader reader, DayIndex.Columns c, int i,
                                       EventQuery query, byte[] needle) {
        try {
            reader.read(c, i);
        } catch (ClosedChannelException deletedMeanwhile) {
            return null;
        } catch (IOException e) {
            LOG.warn("cannot read event file {}: {}", segment.path().getFileName(), EventLog.describe(e));
            return null;
        }
        if (needle != null && !reader.containsIgnoringCase(needle)) {
            return null;
        }
        if (needle == null && query.text() != null && !query.matchesText(new String(reader.bytes(), reader.start(),
                reader.length(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            SecurityEvent e = json.readValue(reader.bytes(), reader.start(), reader.length(), SecurityEvent.class);
            return query.matches(e) ? e : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The text as bytes when it is ASCII (matched on the bytes, no decoding); null otherwise. */
    private static byte[] asciiNeedle(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    Optional<SecurityEvent> find(String eventId) {
        int hash = eventId.hashCode();
        for (DaySegment segment : days.descendingMap().values()) {
            int count = segment.index().count();
            DayIndex.Columns c = segment.index().columns();
            LineReader reader = segment.reader();
            for (int i = count - 1; i >= 0; i--) {
                if (c.eventIds[i] != hash) {
                    continue;
                }
                SecurityEvent e = readMatching(segment, reader, c, i, EventQuery.all(1), null);
                if (e != null && e.eventId().equals(eventId)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    List<DayCounts> dailyCounts(LocalDate from, LocalDate to) {
        EventType[] types = EventType.values();
        ThreatLevel[] levels = ThreatLevel.values();
        List<DayCounts> out = new ArrayList<>();
        for (DaySegment segment : days.subMap(from, true, to, true).values()) {
            int count = segment.index().count();
            DayIndex.Columns c = segment.index().columns();
            long[] byType = new long[types.length];
            long[] byLevel = new long[levels.length];
            for (int i = 0; i < count; i++) {
                byType[c.types[i]]++;
                byLevel[c.levels[i]]++;
            }
            Map<String, Long> typeCounts = new LinkedHashMap<>();
            for (EventType t : types) {
                if (byType[t.ordinal()] > 0) {
                    typeCounts.put(t.wireName(), byType[t.ordinal()]);
                }
            }
            Map<String, Long> levelCounts = new LinkedHashMap<>();
            for (ThreatLevel l : levels) {
                levelCounts.put(l.wireName(), byLevel[l.ordinal()]);
            }
            out.add(new DayCounts(segment.day(), count, typeCounts, levelCounts));
        }
        return out;
    }
}
