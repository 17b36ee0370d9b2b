package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.NormalizedValue;

/**
 * Looks at one value for one family of attacks. Implementations are stateless and thread-safe,
 * never throw, and run in time linear in the value.
 */
@FunctionalInterface
public interface Detector {

    void inspect(NormalizedValue value, ValueKind kind, FindingSink sink);
}
