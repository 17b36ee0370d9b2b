package io.warden.rules.route.body;

/**
 * Why a body broke its route's rules: the field (a JSON path such as {@code sale_price} or
 * {@code buyer.email}) and the rule it broke (e.g. {@code maximum}). Never the value.
 */
public record BodyViolation(String field, String rule) {

    /** The short reason the client gets, e.g. {@code field 'sale_price' violates maximum}. */
    public String reason() {
        return "field '" + field + "' violates " + rule;
    }
}
