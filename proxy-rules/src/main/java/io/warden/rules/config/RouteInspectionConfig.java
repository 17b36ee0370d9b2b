package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A route's changes to {@code inspection:}: each key null inherits. Exclusions add to the global
 * ones, so a route can let one field carry what would otherwise be flagged (e.g. a code snippet
 * field) without switching inspection off.
 *
 * @param mode block, detect or off for this route
 * @param paranoia 1-4 for this route
 * @param maxBodyBytes body bytes buffered and inspected here
 * @param exclusions rule (id, class or *) and location pairs excluded here, besides the global ones
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteInspectionConfig(InspectionMode mode, Integer paranoia, Long maxBodyBytes,
                                    List<InspectionConfig.ExclusionRule> exclusions) {
}
