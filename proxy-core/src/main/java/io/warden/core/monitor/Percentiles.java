package io.warden.core.monitor;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * p50/p90/p99 in milliseconds from a classic histogram's buckets, interpolated within the bucket
 * (so as exact as the buckets are fine): enough for a dashboard, at no cost on the hot path.
 */
final class Percentiles {

    private Percentiles() {
    }

    static Map<String, Object> of(Histogram histogram) {
        Map<String, Object> out = new LinkedHashMap<>();
        HistogramSnapshot snapshot = histogram.collect();
        ClassicHistogramBuckets buckets = snapshot.getDataPoints().isEmpty() ? ClassicHistogramBuckets.EMPTY
                : snapshot.getDataPoints().get(0).getClassicBuckets();
        long total = 0;
        for (int i = 0; i < buckets.size(); i++) {
            total += buckets.getCount(i);
        }
        out.put("count", total);
        out.put("p50", millis(buckets, total, 0.50));
        out.put("p90", millis(buckets, total, 0.90));
        out.put("p99", millis(buckets, total, 0.99));
        return out;
    }

    private static Double millis(ClassicHistogramBuckets buckets, long total, double q) {
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        long seen = 0;
        double lower = 0;
        for (int i = 0; i < buckets.size(); i++) {
            long n = buckets.getCount(i);
            double upper = buckets.getUpperBound(i);
            if (seen + n >= rank && n > 0) {
                if (Double.isInfinite(upper)) {
                    return round(lower * 1000);
                }
                return round((lower + (upper - lower) * (rank - seen) / n) * 1000);
            }
            seen += n;
            lower = upper;
        }
        return round(lower * 1000);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
