package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The rule for one JSON field of a route's body, in the spirit of JSON Schema (a small, exact
 * subset). Every key is optional.
 *
 * @param type string, number, integer, boolean, object, array or null
 * @param required the field must be present
 * @param minimum inclusive lower bound (numbers)
 * @param maximum inclusive upper bound (numbers)
 * @param exclusiveMinimum exclusive lower bound (numbers)
 * @param exclusiveMaximum exclusive upper bound (numbers)
 * @param minLength shortest string, in characters
 * @param maxLength longest string, in characters
 * @param allowed the only values accepted (YAML key {@code enum})
 * @param pattern a regular expression the whole string must match, run by a linear-time engine
 * @param fields rules for the members of an object field
 * @param additionalFields whether an object field may carry members not listed in {@code fields}
 * @param items the rule every element of an array field must meet
 * @param maxItems the longest array
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldRuleConfig(String type, Boolean required, BigDecimal minimum, BigDecimal maximum,
                              BigDecimal exclusiveMinimum, BigDecimal exclusiveMaximum, Integer minLength,
                              Integer maxLength, @JsonProperty("enum") List<Object> allowed, String pattern,
                              Map<String, FieldRuleConfig> fields, Boolean additionalFields, FieldRuleConfig items,
                              Integer maxItems) {
}
