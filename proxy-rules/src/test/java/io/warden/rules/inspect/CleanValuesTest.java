package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.Transport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CleanValuesTest {

    @Test
    void aValueIsRememberedOnlyForTheKindAndTransportItWasFoundCleanIn() {
        CleanValues clean = new CleanValues();
        remember(clean, "c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.NONE);

        assertThat(holds(clean, "c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
        assertThat(holds(clean, "c-8f14e45fceea167a", ValueKind.PATH, Transport.NONE)).isFalse();
        assertThat(holds(clean, "c-8f14e45fceea167a", ValueKind.JSON_VALUE, Transport.FORM)).isFalse();
        assertThat(holds(clean, "c-8f14e45fceea167b", ValueKind.JSON_VALUE, Transport.NONE)).isFalse();
    }

    @Test
    void aValueWithTheSameHashIsNotTakenForTheOneRemembered() {
        CleanValues clean = new CleanValues();
        int h = CleanValues.hash("u-1", ValueKind.JSON_VALUE, Transport.NONE);
        clean.add(h, "u-1", ValueKind.JSON_VALUE, Transport.NONE);

        // The hash only filters: the slot's own entry decides.
        assertThat(clean.contains(h, "u-2", ValueKind.JSON_VALUE, Transport.NONE)).isFalse();
        assertThat(clean.contains(h, "u-1", ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
    }

    @Test
    void aValueTakingItsSlotReplacesTheOneThere() {
        CleanValues clean = new CleanValues();
        List<String> added = new ArrayList<>();
        // More values than slots: some land in an occupied slot and push its value out.
        for (int i = 0; i < 10_000; i++) {
            String value = "u-" + Integer.toHexString(i * 7919);
            remember(clean, value, ValueKind.JSON_VALUE, Transport.NONE);
            added.add(value);
        }
        long kept = added.stream().filter(v -> holds(clean, v, ValueKind.JSON_VALUE, Transport.NONE)).count();

        assertThat(holds(clean, added.get(added.size() - 1), ValueKind.JSON_VALUE, Transport.NONE)).isTrue();
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

    private static void remember(CleanValues clean, String value, ValueKind kind, Transport transport) {
        clean.add(CleanValues.hash(value, kind, transport), value, kind, transport);
    }

    private static boolean holds(CleanValues clean, String value, ValueKind kind, Transport transport) {
        return clean.contains(CleanValues.hash(value, kind, transport), value, kind, transport);
    }
}
