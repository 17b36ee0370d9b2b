package io.warden.rules.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.warden.rules.events.DayCounts;
import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventStore;
import io.warden.rules.events.EventType;
import io.warden.rules.events.RetentionStatus;
import io.warden.rules.events.SecurityEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit summary of {@code GET /api/security/compliance/report}: counts by type and level per
 * day, the blocks made (automatic and manual, by whom and why), the admin actions, and what the
 * event log retains. Built from the event store alone, so it says exactly what the log holds.
 *
 * @param blocksTruncated more than {@value #MAX_LISTED} blocks were made; the list holds the newest
 * @param actionsTruncated likewise for admin actions
 */
public record ComplianceReport(
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("from") LocalDate from,
        @JsonProperty("to") LocalDate to,
        @JsonProperty("total_events") long totalEvents,
        @JsonProperty("by_type") Map<String, Long> byType,
        @JsonProperty("by_level") Map<String, Long> byLevel,
        @JsonProperty("daily") List<DayCounts> daily,
        @JsonProperty("blocks") List<Block> blocks,
        @JsonProperty("blocks_automatic") long blocksAutomatic,
        @JsonProperty("blocks_manual") long blocksManual,
        @JsonProperty("blocks_truncated") boolean blocksTruncated,
        @JsonProperty("admin_actions") List<AdminAction> adminActions,
        @JsonProperty("actions_truncated") boolean actionsTruncated,
        @JsonProperty("retention") RetentionStatus retention) {

    public static final int MAX_LISTED = 10_000;

    /** One block as the report lists it. */
    public record Block(Instant timestamp, String address, boolean manual, String actor, String reason,
                        String until, String level) {
    }

    /** One audited admin action. */
    public record AdminAction(Instant timestamp, String actor, String action, String target, String reason,
                              String from, String outcome) {
    }

    /** The report for the {@code days} days up to and including today (UTC). */
    public static ComplianceReport build(EventStore store, Instant now, int days) {
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<DayCounts> daily = store.dailyCounts(from, to);
        long total = 0;
        Map<String, Long> byType = new LinkedHashMap<>();
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (DayCounts day : daily) {
            total += day.total();
            day.byType().forEach((k, v) -> byType.merge(k, v, Long::sum));
            day.byLevel().forEach((k, v) -> byLevel.merge(k, v, Long::sum));
        }
        List<SecurityEvent> blockEvents = new ArrayList<>();
        boolean blocksTruncated = collect(store, EventType.IP_BLOCKED, since, blockEvents);
        List<Block> blocks = new ArrayList<>();
        long manual = 0;
        for (SecurityEvent e : blockEvents) {
            Map<String, Object> d = e.details();
            boolean isManual = Boolean.TRUE.equals(d.get("manual"));
            if (isManual) {
                manual++;
            }
            blocks.add(new Block(e.timestamp(), text(d.getOrDefault("key", e.sourceIp())), isManual,
                    text(d.getOrDefault("actor", isManual ? "admin" : "warden")), text(d.get("reason")),
                    text(d.get("until")), e.level().wireName()));
        }
        List<SecurityEvent> actionEvents = new ArrayList<>();
        boolean actionsTruncated = collect(store, EventType.ADMIN_ACTION, since, actionEvents);
        List<AdminAction> actions = new ArrayList<>();
        for (SecurityEvent e : actionEvents) {
            Map<String, Object> d = e.details();
            actions.add(new AdminAction(e.timestamp(), text(d.get("actor")), text(d.get("action")),
                    text(d.get("target")), text(d.get("reason")), e.sourceIp(), text(d.get("outcome"))));
        }
        return new ComplianceReport(now, from, to, total, byType, byLevel, daily, blocks,
                blockEvents.size() - manual, manual, blocksTruncated, actions, actionsTruncated, store.retention());
    }

    private static boolean collect(EventStore store, EventType type, Instant since, List<SecurityEvent> into) {
        EventQuery query = new EventQuery(Set.of(type), null, null, since, null, null, null, EventQuery.MAX_LIMIT);
        String cursor = null;
        do {
            EventPage page = store.search(query, cursor);
            for (SecurityEvent e : page.events()) {
                if (into.size() == MAX_LISTED) {
                    return true;
                }
                into.add(e);
            }
            cursor = page.next();
        } while (cursor != null);
        return false;
    }

    /**
     * The report as CSV in long form, one fact a row, so a spreadsheet can pivot it:
     * {@code kind,day,timestamp,name,count,address,actor,reason}. Kinds: {@code type_count},
     * {@code level_count}, {@code block}, {@code admin_action}, {@code retention}.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder(4096);
        out.append("kind,day,timestamp,name,count,address,actor,reason\n");
        for (DayCounts day : daily) {
            day.byType().forEach((type, n) -> row(out, "type_count", day.day().toString(), "", type, n, "", "", ""));
            day.byLevel().forEach((level, n) -> row(out, "level_count", day.day().toString(), "", level, n, "", "",
                    ""));
        }
        for (Block b : blocks) {
            row(out, "block", day(b.timestamp()), b.timestamp().toString(), b.manual() ? "manual" : "automatic", 1,
                    b.address(), b.actor(), b.reason());
        }
        for (AdminAction a : adminActions) {
            row(out, "admin_action", day(a.timestamp()), a.timestamp().toString(), a.action(), 1, a.target(),
                    a.actor(), a.reason());
        }
        row(out, "retention", "", generatedAt.toString(), "retention_days", retention.retentionDays(), "", "",
                "oldest day " + retention.oldestDay() + ", " + retention.dayFiles() + " day files, "
                        + retention.events() + " events");
        return out.toString();
    }

    private static String day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    private static void row(StringBuilder out, String kind, String day, String timestamp, String name, long count,
                            String address, String actor, String reason) {
        out.append(kind).append(',').append(day).append(',').append(timestamp).append(',').append(cell(name))
                .append(',').append(count).append(',').append(cell(address)).append(',').append(cell(actor))
                .append(',').append(cell(reason)).append('\n');
    }

    /**
     * Quoted when needed, and a leading {@code = + - @} defused: an attacker chooses some of these
     * texts (a reason, an address field), and a spreadsheet would run them as formulas.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
