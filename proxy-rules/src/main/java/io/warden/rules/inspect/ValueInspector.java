package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Normalizer;
import io.warden.rules.inspect.normalize.Signals;
import io.warden.rules.inspect.normalize.Symbols;
import io.warden.rules.inspect.normalize.Transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Inspects one value: normalises it, runs every detector over the views, adds the evidence that
 * normalisation itself found (overlong UTF-8, NUL), and hands the value's findings, after
 * exclusions, to the request's collector. Thread-safe; short values found clean are remembered
 * ({@link CleanValues}) and not read again.
 */
public final class ValueInspector {

    private static final int OVERLONG_SCORE = 6;
    private static final int NUL_SCORE = 5;
    private static final int ERROR_SCORE = 5;
    private static final int MAX_IDENTIFIER = 64;
    /** What an embedded parameter ({@code name=value}) needs. */
    private static final long EQUALS = Symbols.of("=");

    private final Detector[] detectors;
    private final CleanValues clean;

    public ValueInspector(List<Detector> detectors) {
        this(detectors, true);
    }

    /**
     * @param rememberClean whether short values found clean are remembered and not read again;
     *                      off only to measure what reading every value costs
     */
    public ValueInspector(List<Detector> detectors, boolean rememberClean) {
        this.detectors = detectors.toArray(Detector[]::new);
        this.clean = rememberClean ? new CleanValues() : null;
    }

    /**
     * Inspects {@code value} found at {@code location}.
     *
     * @param transport the encoding the value still carries (query and form pieces, path)
     */
    public void inspect(String value, ValueKind kind, Transport transport, LocationName location,
                        FindingCollector out) {
        if (value.isEmpty() || (kind.isName() && isIdentifier(value)) || out.saturated()) {
            return;
        }
        boolean remember = clean != null && CleanValues.fits(value);
        int hash = remember ? CleanValues.hash(value, kind, transport) : 0;
        if (remember && clean.contains(hash, value, kind, transport)) {
            return;
        }
        ValueFindings found = new ValueFindings();
        NormalizedValue normalized = Normalizer.normalize(value, transport);
        run(normalized, kind, found);
        if (normalized.has(Signals.OVERLONG_UTF8)) {
            found.report(Rule.EVASION_OVERLONG_UTF8, OVERLONG_SCORE, normalized.text(), 0);
        }
        if (normalized.has(Signals.NUL)) {
            found.report(Rule.EVASION_NUL, NUL_SCORE, normalized.text(), 0);
        }
        if (normalized.holdsAny(EQUALS) && EmbeddedParameters.mayHold(normalized.text())) {
            EmbeddedParameters.forEach(normalized.text(), (name, embedded) -> {
                ValueKind nameKind = kind.isName() ? kind : ValueKind.QUERY_NAME;
                run(Normalizer.normalize(name), nameKind, found);
                run(Normalizer.normalize(embedded), kind, found);
            });
        }
        if (found.isEmpty()) {
            if (remember) {
                clean.add(hash, value, kind, transport);
            }
            return;
        }
        String where = location.describe();
        List<Finding> kept = new ArrayList<>(found.count);
        for (int i = 0; i < found.count; i++) {
            Rule rule = found.rules[i];
            if (!out.excluded(rule, where)) {
                kept.add(new Finding(rule, found.scores[i], where, Excerpts.around(found.views[i], found.starts[i])));
            }
        }
        out.addValue(kept);
    }

    /**
     * A field or parameter name such as {@code conversation_id} or {@code user-name}: a name made
     * only of these characters cannot carry any injection the detectors know, and JSON bodies are
     * mostly such names.
     */
    private static boolean isIdentifier(String name) {
        if (name.length() > MAX_IDENTIFIER) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs every detector. Detectors are written and property-tested never to throw; should one
     * still fail on some input, the failure is a finding of its own rather than a silent pass.
     */
    private void run(NormalizedValue value, ValueKind kind, FindingSink sink) {
        for (Detector detector : detectors) {
            try {
                detector.inspect(value, kind, sink);
            } catch (RuntimeException | StackOverflowError e) {
                sink.report(Rule.INPUT_INSPECTION_ERROR, ERROR_SCORE, value.text(), 0);
            }
        }
    }

    /** One value's reports, the highest score per rule. Most values have none: the arrays come with the first. */
    private static final class ValueFindings implements FindingSink {
        private static final Rule[] NO_RULES = {};
        private static final int[] NO_INTS = {};
        private static final String[] NO_VIEWS = {};

        private Rule[] rules = NO_RULES;
        private int[] scores = NO_INTS;
        private String[] views = NO_VIEWS;
        private int[] starts = NO_INTS;
        private int count;

        @Override
        public void report(Rule rule, int score, String view, int from) {
            for (int i = 0; i < count; i++) {
                if (rules[i] == rule) {
                    if (score > scores[i]) {
                        scores[i] = score;
                        views[i] = view;
                        starts[i] = from;
                    }
                    return;
                }
            }
            if (count == rules.length) {
                int grown = Math.max(4, count * 2);
                rules = java.util.Arrays.copyOf(rules, grown);
                scores = java.util.Arrays.copyOf(scores, grown);
                views = java.util.Arrays.copyOf(views, grown);
                starts = java.util.Arrays.copyOf(starts, grown);
            }
            rules[count] = rule;
            scores[count] = score;
            views[count] = view;
            starts[count] = from;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }
    }
}
