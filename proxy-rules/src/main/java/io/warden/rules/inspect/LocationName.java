package io.warden.rules.inspect;

/** Names a location only when a finding needs it, so clean values cost no string building. */
@FunctionalInterface
public interface LocationName {

    String describe();
}
