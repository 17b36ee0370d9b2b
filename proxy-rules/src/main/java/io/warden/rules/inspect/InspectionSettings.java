package io.warden.rules.inspect;

import io.warden.rules.config.InspectionConfig;
import io.warden.rules.config.InspectionMode;

import java.util.List;
import java.util.Objects;

/**
 * What inspection does for one route: the global {@code inspection:} section, or a route's
 * override of it.
 *
 * @param mode block (403), detect (events only) or off
 * @param paranoia 1-4; higher blocks on weaker evidence (see {@link Paranoia})
 * @param exclusions findings that do not count, e.g. {@code sqli} at {@code json:$.sql}
 * @param maxBodyBytes how much of a body is buffered and inspected; the rest passes uninspected
 * @param headers request headers whose values are inspected, beside User-Agent and Referer
 */
public record InspectionSettings(InspectionMode mode, int paranoia, List<Exclusion> exclusions,
                                 long maxBodyBytes, List<String> headers) {

    public InspectionSettings {
        Objects.requireNonNull(mode, "mode");
        Paranoia.threshold(paranoia);
        exclusions = List.copyOf(exclusions);
        headers = List.copyOf(headers);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
    }

    public static InspectionSettings from(InspectionConfig config) {
        return new InspectionSettings(config.mode(), config.paranoia(),
                config.exclusions().stream().map(e -> new Exclusion(e.rule(), e.location())).toList(),
                config.maxBodyBytes(), config.headers());
    }

    public static InspectionSettings defaults() {
        return from(InspectionConfig.defaults());
    }

    public InspectionSettings withMode(InspectionMode newMode) {
        return new InspectionSettings(newMode, paranoia, exclusions, maxBodyBytes, headers);
    }

    public InspectionSettings withParanoia(int level) {
        return new InspectionSettings(mode, level, exclusions, maxBodyBytes, headers);
    }

    public InspectionSettings withMaxBodyBytes(long limit) {
        return new InspectionSettings(mode, paranoia, exclusions, limit, headers);
    }

    /** These settings with more exclusions, as a route adds its own to the global ones. */
    public InspectionSettings withExclusions(List<Exclusion> more) {
        List<Exclusion> all = new java.util.ArrayList<>(exclusions);
        all.addAll(more);
        return new InspectionSettings(mode, paranoia, all, maxBodyBytes, headers);
    }

    public int threshold() {
        return Paranoia.threshold(paranoia);
    }

    /** The score from which a finding is critical: twice the block threshold. */
    public int criticalScore() {
        return 2 * threshold();
    }
}
