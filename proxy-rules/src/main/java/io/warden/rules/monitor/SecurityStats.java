package io.warden.rules.monitor;

import io.warden.rules.events.EventCategory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the dashboard counts from events since start: events by type, injection attempts by
 * attack class, bots by class, and the most recent high-severity events. Fed by one thread (the
 * event bus); read by any. Memory is bounded: classes are few and named by Warden's detectors,
 * and at most {@value #MAX_CLASSES} of them are kept apart, the rest counted as "other".
 */
public final class SecurityStats {

    static final int MAX_CLASSES = 64;
    private static final int RECENT = 50;

    private final AtomicLongArray byType = new AtomicLongArray(EventType.values().length);
    private final Map<String, LongAdder> injectionClasses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> botClasses = new ConcurrentHashMap<>();
    private final ArrayDeque<SecurityEvent> recentHigh = new ArrayDeque<>(RECENT);

    public void observe(SecurityEvent e) {
        byType.incrementAndGet(e.type().ordinal());
        if (e.type() == EventType.INJECTION_ATTEMPT) {
            for (String attackClass : names(e.details().get("classes"), e.details().get("class"))) {
                count(injectionClasses, attackClass);
            }
        } else if (e.type() == EventType.BOT_DETECTED) {
            for (String botClass : names(e.details().get("class"))) {
                count(botClasses, botClass);
            }
        }
        if (e.level().atLeast(ThreatLevel.HIGH)) {
            synchronized (recentHigh) {
                if (recentHigh.size() == RECENT) {
                    recentHigh.removeLast();
                }
                recentHigh.addFirst(e);
            }
        }
    }

    public long count(EventType type) {
        return byType.get(type.ordinal());
    }

    public long count(EventCategory category) {
        long n = 0;
        for (EventType type : EventType.values()) {
            if (type.category() == category) {
                n += byType.get(type.ordinal());
            }
        }
        return n;
    }

    /** Non-zero counts keyed by the type's wire name. */
    public Map<String, Long> byType() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            long n = byType.get(type.ordinal());
            if (n > 0) {
                out.put(type.wireName(), n);
            }
        }
        return out;
    }

    public Map<String, Long> injectionsByClass() {
        return snapshot(injectionClasses);
    }

    public Map<String, Long> botsByClass() {
        return snapshot(botClasses);
    }

    /** High and critical events, newest first. */
    public List<SecurityEvent> recentHigh(int n) {
        synchronized (recentHigh) {
            List<SecurityEvent> out = new ArrayList<>(Math.min(n, recentHigh.size()));
            for (SecurityEvent e : recentHigh) {
                if (out.size() == n) {
                    break;
                }
                out.add(e);
            }
            return out;
        }
    }

    private static void count(Map<String, LongAdder> counts, String name) {
        String key = counts.containsKey(name) || counts.size() < MAX_CLASSES ? name : "other";
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static List<String> names(Object... values) {
        List<String> out = new ArrayList<>(2);
        for (Object value : values) {
            if (value instanceof Collection<?> many) {
                many.forEach(v -> out.add(clean(String.valueOf(v))));
            } else if (value != null) {
                out.add(clean(String.valueOf(value)));
            }
        }
        if (out.isEmpty()) {
            out.add("unknown");
        }
        return out;
    }

    private static String clean(String name) {
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(
                        (a, b) -> Long.compare(b.sum(), a.sum())))
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }
}
