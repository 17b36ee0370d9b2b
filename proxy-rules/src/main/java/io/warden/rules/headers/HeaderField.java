package io.warden.rules.headers;

import java.util.Objects;

/** One response header Warden sets. */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
