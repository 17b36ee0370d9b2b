package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.warden.rules.pipeline.MutableHeaders;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Netty's headers as the rules see them: a thin view, no copy. */
public final class NettyHeaders implements MutableHeaders {

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
        return headers.contains(name);
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
        headers.set(name, value);
    }

    @Override
    public void add(CharSequence name, String value) {
        headers.add(name, value);
    }

    @Override
    public void remove(CharSequence name) {
        headers.remove(name);
    }
}
