package io.warden.benchmarks;

import io.warden.rules.pipeline.MutableHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Headers for benchmarks: a case-insensitive map standing in for Netty's, so rules run without sockets. */
final class MapHeaders implements MutableHeaders {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static MapHeaders of(String... namesAndValues) {
        MapHeaders headers = new MapHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Override
    public String get(CharSequence name) {
        List<String> all = values.get(name.toString());
        return all == null ? null : all.get(0);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        return values.getOrDefault(name.toString(), List.of());
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
        values.forEach((name, list) -> list.forEach(v -> action.accept(name.toLowerCase(Locale.ROOT), v)));
    }

    @Override
    public void set(CharSequence name, String value) {
        List<String> list = new ArrayList<>(1);
        list.add(value);
        values.put(name.toString(), list);
    }

    @Override
    public void add(CharSequence name, String value) {
        values.computeIfAbsent(name.toString(), n -> new ArrayList<>(1)).add(value);
    }

    @Override
    public void remove(CharSequence name) {
        values.remove(name.toString());
    }
}
