package io.warden.rules.inspect.eval;

import io.warden.rules.pipeline.HeaderView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A header list for synthetic requests: names compare ignoring case, order and repeats kept. */
public final class ListHeaders implements HeaderView {

    private final List<String[]> entries = new ArrayList<>();

    public ListHeaders add(String name, String value) {
        entries.add(new String[] {name, value});
        return this;
    }

    @Override
    public String get(CharSequence name) {
        for (String[] e : entries) {
            if (e[0].equalsIgnoreCase(name.toString())) {
                return e[1];
            }
        }
        return null;
    }

    @Override
    public List<String> getAll(CharSequence name) {
        List<String> values = new ArrayList<>(2);
        for (String[] e : entries) {
            if (e[0].equalsIgnoreCase(name.toString())) {
                values.add(e[1]);
            }
        }
        return values;
    }

    @Override
    public boolean contains(CharSequence name) {
        return get(name) != null;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        for (String[] e : entries) {
            action.accept(e[0], e[1]);
        }
    }
}
