package io.warden.rules.inspect;

/** Where a detector reports; the sink knows the location and turns reports into findings. */
@FunctionalInterface
public interface FindingSink {

    /**
     * Reports a finding.
     *
     * @param view the text the detector read (for the excerpt)
     * @param from where the evidence starts in {@code view}
     */
    void report(Rule rule, int score, String view, int from);
}
