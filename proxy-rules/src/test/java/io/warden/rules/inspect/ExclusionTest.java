package io.warden.rules.inspect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExclusionTest {

    @Test
    void matchesRuleIdClassOrEverythingAtAGlobbedLocation() {
        assertThat(new Exclusion("sqli.tautology", "json:$.query").matches(Rule.SQLI_TAUTOLOGY, "json:$.query")).isTrue();
        assertThat(new Exclusion("sqli", "json:$.query").matches(Rule.SQLI_UNION, "json:$.query")).isTrue();
        assertThat(new Exclusion("*", "query:q").matches(Rule.XSS_SCRIPT_TAG, "query:q")).isTrue();
        assertThat(new Exclusion("sqli", "json:$.messages[*].content")
                .matches(Rule.SQLI_UNION, "json:$.messages[12].content")).isTrue();
    }

    @Test
    void doesNotReachOtherRulesOrLocations() {
        assertThat(new Exclusion("sqli", "json:$.query").matches(Rule.XSS_SCRIPT_TAG, "json:$.query")).isFalse();
        assertThat(new Exclusion("sqli", "json:$.query").matches(Rule.SQLI_UNION, "json:$.message"))
                .as("an exclusion is targeted, not a hole").isFalse();
        assertThat(new Exclusion("sqli.union", "query:q").matches(Rule.SQLI_TAUTOLOGY, "query:q")).isFalse();
    }

    @Test
    void headerNamesCompareIgnoringCase() {
        assertThat(new Exclusion("*", "header:user-agent").matches(Rule.SQLI_UNION, "header:User-Agent")).isTrue();
    }

    @Test
    void onlyKnownRulesAreValid() {
        assertThat(Exclusion.isValidRule("sqli.tautology")).isTrue();
        assertThat(Exclusion.isValidRule("xss")).isTrue();
        assertThat(Exclusion.isValidRule("*")).isTrue();
        assertThat(Exclusion.isValidRule("sqli.tautolgy")).as("a typo must not silently exclude nothing").isFalse();
    }
}
