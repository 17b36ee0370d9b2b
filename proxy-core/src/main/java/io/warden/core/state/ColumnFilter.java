package io.warden.core.state;

import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventType;

/** The query's indexed parts, checked on the columns before a line is read. */
final class ColumnFilter {
    private final long typeMask;
    private final int minLevel;
    private final long[] addresses;
    private final int requestId;
    private final boolean byRequestId;
    private final long since;
    private final long until;

    ColumnFilter(EventQuery q) {
        long mask = 0;
        for (EventType t : q.types()) {
            mask |= 1L << t.ordinal();
        }
        this.typeMask = mask;
        this.minLevel = q.minLevel() == null ? 0 : q.minLevel().ordinal();
        this.addresses = q.network() == null ? null : AddressKeys.range(q.network());
        this.byRequestId = q.requestId() != null;
        this.requestId = byRequestId ? q.requestId().hashCode() : 0;
        this.since = q.since() == null ? Long.MIN_VALUE : q.since().toEpochMilli();
        this.until = q.until() == null ? Long.MAX_VALUE : q.until().toEpochMilli();
    }

    boolean candidate(DaySegment segment, DayIndex.Columns c, int i) {
        if (typeMask != 0 && (typeMask & 1L << c.types[i]) == 0) {
            return false;
        }
        if (c.levels[i] < minLevel) {
            return false;
        }
        if (byRequestId && c.requestIds[i] != requestId) {
            return false;
        }
        if (addresses != null && !AddressKeys.within(c.addresses[i], addresses)) {
            return false;
        }
        if (since != Long.MIN_VALUE || until != Long.MAX_VALUE) {
            long at = segment.day().toEpochDay() * 86_400_000L + c.millis[i];
            // index times are to the millisecond: the exact check on the event decides at the edges
            return at >= since - 1 && at <= until;
        }
        return true;
    }
}
