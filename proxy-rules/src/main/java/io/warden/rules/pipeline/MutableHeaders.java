package io.warden.rules.pipeline;

/** Headers a step may change: the response on its way back, or the request on its way out. */
public interface MutableHeaders extends HeaderView {

    void set(CharSequence name, String value);

    void add(CharSequence name, String value);

    void remove(CharSequence name);
}
