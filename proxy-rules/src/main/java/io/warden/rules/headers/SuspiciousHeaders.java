package io.warden.rules.headers;

import io.warden.rules.config.InspectionMode;
import io.warden.rules.config.RequestHeadersConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Request headers that are attacks or mistakes rather than traffic, each with a
 * {@link EventType#SUSPICIOUS_HEADER} event naming the header, never its value:
 * <ul>
 *   <li>control characters (CR, LF, NUL, ...) in a value: header injection, 400;</li>
 *   <li>more fields than {@code maxCount}, or one field longer than {@code maxValueBytes}: 431;</li>
 *   <li>a {@code Host} outside {@code allowedHosts}, when configured: host-header poisoning of
 *       password-reset links and caches, 400;</li>
 *   <li>{@code X-Original-URL}/{@code X-Rewrite-URL}: frameworks that honour them route by them,
 *       past any path-based rule in front, 400;</li>
 *   <li>{@code X-HTTP-Method-Override} and its kin: stripped, so a GET cannot become a DELETE
 *       behind Warden's back; legitimate clients still get an answer;</li>
 *   <li>two differing values of a header that has one value (Authorization, Content-Type, ...):
 *       Warden and the upstream might each read a different one, 400.</li>
 * </ul>
 * In {@code detect} mode every finding is recorded and the request goes on untouched.
 */
public final class SuspiciousHeaders implements RequestCheck {

    static final List<String> URL_OVERRIDES = List.of("X-Original-URL", "X-Rewrite-URL");
    static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");
    static final List<String> SINGLE_VALUED = List.of("Host", "Content-Type", "Content-Length", "Authorization",
            "Proxy-Authorization", "Origin", "Referer", "User-Agent", "If-Modified-Since", "If-Unmodified-Since",
            "Range", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version");

    private final InspectionMode mode;
    private final AllowedHosts allowedHosts;
    private final Set<String> allowedOverrides = new HashSet<>();
    private final int maxCount;
    private final int maxFieldBytes;
    private final EventFactory events;

    public SuspiciousHeaders(RequestHeadersConfig config, EventFactory events) {
        this.mode = config.mode();
        this.allowedHosts = new AllowedHosts(config.allowedHosts());
        for (String name : config.allowedOverrideHeaders()) {
            allowedOverrides.add(name.toLowerCase(Locale.ROOT));
        }
        this.maxCount = config.maxCount();
        this.maxFieldBytes = config.maxValueBytes();
        this.events = events;
    }

    @Override
    public Decision check(RequestContext request) {
        if (mode == InspectionMode.OFF) {
            return Decision.proceed();
        }
        HeaderView headers = request.headers();
        Findings found = new Findings(request);
        if (headers.size() > maxCount) {
            found.reject(431, "too many request headers", null, ThreatLevel.MEDIUM, Map.of("count", headers.size()));
        }
        Scan scan = new Scan(maxFieldBytes);
        headers.forEach(scan);
        if (scan.controlIn != null) {
            found.reject(400, "invalid header value", scan.controlIn, ThreatLevel.HIGH, Map.of());
        }
        if (scan.oversized != null) {
            found.reject(431, "request header too large", scan.oversized, ThreatLevel.MEDIUM, Map.of());
        }
        if (!allowedHosts.isEmpty() && !allowedHosts.allows(headers.get("Host"))) {
            found.reject(400, "host not allowed", "Host", ThreatLevel.MEDIUM, Map.of());
        }
        for (int i = 0; i < URL_OVERRIDES.size(); i++) {
            String name = URL_OVERRIDES.get(i);
            if (scan.count(Scan.URL_OVERRIDES_AT + i) > 0 && !allowedOverrides.contains(name.toLowerCase(Locale.ROOT))) {
                found.reject(400, "override header not allowed", name, ThreatLevel.MEDIUM, Map.of());
            }
        }
        for (int i = 0; i < SINGLE_VALUED.size(); i++) {
            String name = SINGLE_VALUED.get(i);
            if (scan.count(Scan.SINGLE_VALUED_AT + i) > 1 && conflicting(headers.getAll(name))) {
                found.reject(400, "conflicting duplicate header", name, ThreatLevel.MEDIUM, Map.of());
            }
        }
        for (int i = 0; i < METHOD_OVERRIDES.size(); i++) {
            String name = METHOD_OVERRIDES.get(i);
            if (scan.count(Scan.METHOD_OVERRIDES_AT + i) > 0 && !allowedOverrides.contains(name.toLowerCase(Locale.ROOT))) {
                found.strip(name);
            }
        }
        return found.decision(mode == InspectionMode.BLOCK);
    }

    private static boolean conflicting(List<String> values) {
        String first = values.get(0).trim();
        for (int i = 1; i < values.size(); i++) {
            if (!values.get(i).trim().equals(first)) {
                return true;
            }
        }
        return false;
    }

    /** What one request's headers raised; the first rejection is the answer in block mode. */
    private final class Findings {
        private final RequestContext request;
        // Most requests raise nothing: the lists are made on the first finding.
        private List<SecurityEvent> raised = List.of();
        private List<String> stripped = List.of();
        private Decision.Reject first;

        Findings(RequestContext request) {
            this.request = request;
        }

        void reject(int status, String reason, String header, ThreatLevel level, Map<String, Object> more) {
            SecurityEvent event = event(reason, header, level, more, "reject");
            raise(event);
            if (first == null) {
                first = Decision.reject(status, reason, event);
            }
        }

        void strip(String header) {
            raise(event("override header stripped", header, ThreatLevel.LOW, Map.of(), "strip"));
            if (stripped.isEmpty()) {
                stripped = new ArrayList<>(1);
            }
            stripped.add(header);
        }

        private void raise(SecurityEvent event) {
            if (raised.isEmpty()) {
                raised = new ArrayList<>(2);
            }
            raised.add(event);
        }

        Decision decision(boolean enforce) {
            if (raised.isEmpty()) {
                return Decision.proceed();
            }
            if (!enforce) {
                return Decision.proceed(raised);
            }
            if (first != null) {
                return new Decision.Reject(first.status(), first.reason(), Map.of(), raised, false);
            }
            for (int i = 0; i < stripped.size(); i++) {
                request.removeUpstreamHeader(stripped.get(i));
            }
            return Decision.proceed(raised);
        }

        private SecurityEvent event(String reason, String header, ThreatLevel level, Map<String, Object> more,
                                    String action) {
            Map<String, Object> details = new java.util.HashMap<>(more);
            details.put("reason", reason);
            details.put("action", mode == InspectionMode.BLOCK ? action : "detect");
            if (header != null) {
                details.put("header", header);
            }
            return request.event(events, EventType.SUSPICIOUS_HEADER, level, details);
        }
    }

    /**
     * One pass over the fields: the first with a control character, the first over the size
     * limit, and how often each header of interest occurs.
     */
    private static final class Scan implements BiConsumer<String, String> {
        static final int SINGLE_VALUED_AT = 0;
        static final int URL_OVERRIDES_AT = SINGLE_VALUED.size();
        static final int METHOD_OVERRIDES_AT = URL_OVERRIDES_AT + URL_OVERRIDES.size();
        private static final List<String> WATCHED = watched();
        /** The indexes into {@link #WATCHED} per name length: a field is compared only with names as long as its own. */
        private static final int[][] WATCHED_BY_LENGTH = byLength(WATCHED);

        private final int maxFieldBytes;
        private final int[] counts = new int[WATCHED.size()];
        String controlIn;
        String oversized;

        Scan(int maxFieldBytes) {
            this.maxFieldBytes = maxFieldBytes;
        }

        private static List<String> watched() {
            List<String> all = new ArrayList<>(SINGLE_VALUED);
            all.addAll(URL_OVERRIDES);
            all.addAll(METHOD_OVERRIDES);
            return List.copyOf(all);
        }

        private static int[][] byLength(List<String> names) {
            int longest = 0;
            for (String name : names) {
                longest = Math.max(longest, name.length());
            }
            int[][] index = new int[longest + 1][];
            for (int length = 0; length <= longest; length++) {
                int len = length;
                index[length] = java.util.stream.IntStream.range(0, names.size())
                        .filter(i -> names.get(i).length() == len).toArray();
            }
            return index;
        }

        @Override
        public void accept(String name, String value) {
            if (controlIn == null && hasControl(value)) {
                controlIn = printable(name);
            }
            if (oversized == null && name.length() + value.length() > maxFieldBytes) {
                oversized = printable(name);
            }
            if (name.length() >= WATCHED_BY_LENGTH.length) {
                return;
            }
            for (int i : WATCHED_BY_LENGTH[name.length()]) {
                if (WATCHED.get(i).equalsIgnoreCase(name)) {
                    counts[i]++;
                    return;
                }
            }
        }

        int count(int watched) {
            return counts[watched];
        }

        private static boolean hasControl(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }

        /** A header name fit for an event: at most 64 visible characters. */
        private static String printable(String name) {
            StringBuilder sb = new StringBuilder(Math.min(name.length(), 64));
            for (int i = 0; i < name.length() && sb.length() < 64; i++) {
                char c = name.charAt(i);
                sb.append(c > 0x20 && c < 0x7f ? c : '?');
            }
            return sb.toString();
        }
    }
}
