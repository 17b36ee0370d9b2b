package io.warden.rules.inspect.extract;

import io.warden.rules.inspect.Excerpts;

import java.util.Arrays;

/**
 * The walker's position in a JSON document as a stack of keys and array indexes; renders as
 * {@code $.messages[2].content} only when asked, which is only when something was found.
 */
public final class JsonPath {

    private static final int MAX_SEGMENT = 40;

    private String[] keys = new String[8];
    private int[] indexes = new int[8];
    private int depth;

    void pushObject() {
        grow();
        keys[depth] = "";
        indexes[depth] = -1;
        depth++;
    }

    void pushArray() {
        grow();
        keys[depth] = null;
        indexes[depth] = -1;
        depth++;
    }

    void pop() {
        if (depth > 0) {
            depth--;
        }
    }

    void key(String name) {
        if (depth > 0) {
            keys[depth - 1] = name;
        }
    }

    /** Advances the array index when the current container is an array. */
    void nextElement() {
        if (depth > 0 && keys[depth - 1] == null) {
            indexes[depth - 1]++;
        }
    }

    int depth() {
        return depth;
    }

    /** {@code $.a.b[3].c}; long or odd keys are escaped and cut. */
    public String describe() {
        StringBuilder out = new StringBuilder("$");
        for (int i = 0; i < depth && out.length() < 200; i++) {
            if (keys[i] == null) {
                out.append('[').append(Math.max(indexes[i], 0)).append(']');
            } else {
                out.append('.').append(Excerpts.name(keys[i], MAX_SEGMENT));
            }
        }
        return out.toString();
    }

    private void grow() {
        if (depth == keys.length) {
            keys = Arrays.copyOf(keys, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
    }
}
