package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * Declarative checks on a route's JSON body: the business rules of critical endpoints (e.g.
 * commission data), enforced before the backend sees the request.
 *
 * @param fields the top-level fields and their rules
 * @param additionalFields whether fields not listed are accepted (default true)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BodyRulesConfig(Map<String, FieldRuleConfig> fields, Boolean additionalFields) {
}
