package io.warden.rules.inspect.nosql;

import io.warden.rules.inspect.Inspect;
import io.warden.rules.inspect.ValueKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoSqlOperatorDetectorTest {

    private final NoSqlOperatorDetector detector = new NoSqlOperatorDetector();

    @Test
    void operatorKeysAndBracketNamesAreInjections() {
        assertThat(Inspect.score(detector, "$ne", ValueKind.JSON_KEY)).as("{\"password\": {\"$ne\": null}}")
                .isGreaterThanOrEqualTo(Inspect.threshold());
        assertThat(Inspect.score(detector, "password[$ne]", ValueKind.QUERY_NAME)).as("password[$ne]=x")
                .isGreaterThanOrEqualTo(Inspect.threshold());
        assertThat(Inspect.score(detector, "$where", ValueKind.JSON_KEY)).as("$where runs JavaScript").isEqualTo(10);
        assertThat(Inspect.score(detector, "{\"$gt\": \"\"}", ValueKind.JSON_VALUE)).as("an operator object in a string")
                .isGreaterThanOrEqualTo(Inspect.threshold());
    }

    @Test
    void schemaKeywordsAndPricesAreNot() {
        assertThat(Inspect.score(detector, "$schema", ValueKind.JSON_KEY)).isZero();
        assertThat(Inspect.score(detector, "$ref", ValueKind.JSON_KEY)).isZero();
        assertThat(Inspect.score(detector, "Between $450,000 and $600,000", ValueKind.JSON_VALUE)).isZero();
    }
}
