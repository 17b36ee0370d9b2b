package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.warden.rules.headers.HeaderPolicy;
import io.warden.rules.pipeline.MutableHeaders;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** Netty's headers as the rules see them: a thin view, no copy. */
public final class NettyHeaders implements MutableHeaders {

    /**
     * The names the header policy sets on every response, as {@code AsciiString}s: Netty
     * validates an {@code AsciiString} name from its bytes and reuses its cached hash, where a
     * {@code String} name is walked character by character on every set.
     */
    private static final Map<String, AsciiString> POLICY_NAMES = policyNames();

    private final HttpHeaders headers;

    public NettyHeaders(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public String get(CharSequence name) {
        return headers.get(name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        return headers.getAll(name);
    }

    @Override
    public boolean contains(CharSequence name) {
        return headers.contains(wire(name));
    }

    @Override
    public int size() {
        return headers.size();
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            action.accept(e.getKey().toString(), e.getValue().toString());
        }
    }

    @Override
    public void set(CharSequence name, String value) {
        headers.set(wire(name), value);
    }

    @Override
    public void add(CharSequence name, String value) {
        headers.add(wire(name), value);
    }

    @Override
    public void remove(CharSequence name) {
        headers.remove(name);
    }

    private static CharSequence wire(CharSequence name) {
        AsciiString known = name instanceof String ? POLICY_NAMES.get(name) : null;
        return known != null ? known : name;
    }

    private static Map<String, AsciiString> policyNames() {
        return HeaderPolicy.NAMES.stream().collect(Collectors.toUnmodifiableMap(name -> name, AsciiString::cached));
    }
}
