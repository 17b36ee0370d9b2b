package io.warden.rules.pipeline;

import java.util.List;
import java.util.function.BiConsumer;

/** Read access to message headers, names case-insensitive, without tying rules to Netty. */
public interface HeaderView {

    /** The first value of the header, or null. */
    String get(CharSequence name);

    /** Every value of the header in order; empty when absent. */
    List<String> getAll(CharSequence name);

    boolean contains(CharSequence name);

    int size();

    void forEach(BiConsumer<String, String> action);
}
