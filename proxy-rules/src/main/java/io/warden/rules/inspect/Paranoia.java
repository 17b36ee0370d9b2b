package io.warden.rules.inspect;

/**
 * Paranoia levels and the anomaly-score threshold each sets. Detectors score findings 1-10:
 * 10 is certain, 7-8 is the shape of a working injection, 4-6 is a shape that also occurs in odd
 * but honest input. A location's findings add up; the request is blocked when one location
 * reaches the threshold.
 */
public final class Paranoia {

    public static final int MIN = 1;
    public static final int MAX = 4;
    public static final int DEFAULT = 2;

    private static final int[] THRESHOLDS = {0, 8, 7, 5, 4};

    private Paranoia() {
    }

    public static int threshold(int level) {
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("paranoia must be 1-4, got " + level);
        }
        return THRESHOLDS[level];
    }
}
