package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.Transport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CleanValuesTest {

    @Test
    void aValueIsRememberedOnlyForTheKindAndTransportItWasFoundCleanIn() {
        CleanValues clean = new CleanValues();
        clean.add("c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.NONE);

        assertThat(clean.contains("c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
        assertThat(clean.contains("c-8f14e45fceea167a", ValueKind.PATH, Transport.NONE)).isFalse();
        assertThat(clean.contains("c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.FORM)).isFalse();
        assertThat(clean.contains("c-8f14e45fceea167b", ValueKind.JSON_VALUE, Transport.NONE)).isFalse();
    }

    @Test
    void aValueWithTheSameHashIsNotTakenForTheOneRemembered() {
        // Two ids with the same hash, found by search (a birthday search needs some 2^16 values).
        Map<Integer, String> byHash = new HashMap<>();
        String first = null;
        String second = null;
        for (int i = 0; second == null; i++) {
            String id = "u-" + Integer.toHexString(i);
            String earlier = byHash.putIfAbsent(CleanValues.hash(id, ValueKind.JSON_VALUE, Transport.NONE), id);
            if (earlier != null) {
                first = earlier;
                second = id;
            }
        }
        CleanValues clean = new CleanValues();
        clean.add(first, ValueKind.JSON_VALUE, Transport.NONE);

        assertThat(clean.contains(second, ValueKind.JSON_VALUE, Transport.NONE)).isFalse();
        assertThat(clean.contains(first, ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
    }

    @Test
    void aValueTakingItsSlotReplacesTheOneThere() {
        CleanValues clean = new CleanValues();
        List<String> added = new ArrayList<>();
        // More values than slots: some land in an occupied slot and push its value out.
        for (int i = 0; i < 10_000; i++) {
            String value = "u-" + Integer.toHexString(i * 7919);
            clean.add(value, ValueKind.JSON_VALUE, Transport.NONE);
            added.add(value);
        }
        long kept = added.stream().filter(v -> clean.contains(v, ValueKind.JSON_VALUE, Transport.NONE)).count();

        assertThat(clean.contains(added.get(added.size() - 1), ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
        assertThat(kept).isGreaterThan(1000).isLessThan(added.size());
    }

    @Test
    void longValuesAreNeverKept() {
        assertThat(CleanValues.fits("a".repeat(CleanValues.MAX_LENGTH))).isTrue();
        assertThat(CleanValues.fits("a".repeat(CleanValues.MAX_LENGTH + 1))).isFalse();
    }

    @Test
    void aValueWithFindingsIsReadEveryTimeEvenWhereExcluded() {
        String attack = "1 union select password from users";
        ValueInspector inspector = new ValueInspector(InspectionEngine.detectors());
        List<Exclusion> exclusions = List.of(new Exclusion("sqli", "json:$.sql"));

        FindingCollector excluded = new FindingCollector(exclusions, 10);
        inspector.inspect(attack, ValueKind.JSON_VALUE, Transport.NONE, () -> "json:$.sql", excluded);
        FindingCollector elsewhere = new FindingCollector(exclusions, 10);
        inspector.inspect(attack, ValueKind.JSON_VALUE, Transport.NONE, () -> "json:$.message", elsewhere);

        assertThat(excluded.verdict().findings()).isEmpty();
        assertThat(elsewhere.verdict().findings()).isNotEmpty();
    }

    @Test
    void aCleanValueSeenAgainStaysClean() {
        ValueInspector inspector = new ValueInspector(InspectionEngine.detectors());
        List<InspectionVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FindingCollector out = new FindingCollector(List.of(), 10);
            inspector.inspect("en-US", ValueKind.JSON_VALUE, Transport.NONE, () -> "json:$.locale", out);
            verdicts.add(out.verdict());
        }
        assertThat(verdicts).allSatisfy(v -> assertThat(v.findings()).isEmpty());
    }
}
