package io.warden.rules.ratelimit;

import io.warden.rules.pipeline.MutableHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Case-insensitive headers for tests. */
public final class TestHeaders implements MutableHeaders {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static TestHeaders of(String... nameValue) {
        TestHeaders h = new TestHeaders();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.add(nameValue[i], nameValue[i + 1]);
        }
        return h;
    }

    /** These headers with the User-Agent replaced. */
    public TestHeaders withAgent(String userAgent) {
        set("User-Agent", userAgent);
        return this;
    }

    @Override
    public String get(CharSequence name) {
        List<String> v = values.get(name.toString());
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        return List.copyOf(values.getOrDefault(name.toString(), List.of()));
    }

    @Override
    public boolean contains(CharSequence name) {
        return values.containsKey(name.toString());
    }

    @Override
    public int size() {
        return values.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        values.forEach((k, vs) -> vs.forEach(v -> action.accept(k.toLowerCase(Locale.ROOT), v)));
    }

    @Override
    public void set(CharSequence name, String value) {
        List<String> v = new ArrayList<>();
        v.add(value);
        values.put(name.toString(), v);
    }

    @Override
    public void add(CharSequence name, String value) {
        values.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(value);
    }

    @Override
    public void remove(CharSequence name) {
        values.remove(name.toString());
    }
}
