package io.warden.rules.health;

/** Produces the current health; cheap enough to call on every probe. */
@FunctionalInterface
public interface HealthSource {

    HealthReport report();
}
