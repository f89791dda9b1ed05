package org.ae4j.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The anomaly threshold of {@code ae4j score}: a percentile of the training rows' scores (per-row reconstruction
 * errors), computed at the end of {@code ae4j train} and stored in the model's metadata. A row is an anomaly
 * when its score is above the threshold, so about (100 − p)% of the training rows are.
 */
final class Thresholds {
    private Thresholds() {
    }

    /** Checks a {@code --threshold-percentile} value: 0 < p ≤ 100. */
    static double checkPercentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("--threshold-percentile: expected 0 < p <= 100, got " + fmt(p));
        }
        return p;
    }

    /**
     * The nearest-rank percentile: the smallest score such that at least p% of the scores are at or below it.
     *
     * @param scores at least one finite score
     */
    static float percentile(float[] scores, double p) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("threshold: no scores to calibrate on");
        }
        float[] s = scores.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length, rank) - 1)];
    }

    /** The metadata entries of a threshold. */
    static void store(Map<String, String> meta, float threshold, double percentile, int rows) {
        meta.put(ModelFiles.THRESHOLD, Float.toString(threshold));
        meta.put(ModelFiles.THRESHOLD_PERCENTILE, fmt(percentile));
        meta.put(ModelFiles.THRESHOLD_ROWS, Integer.toString(rows));
    }

    /** The stored threshold, or null when the model has none. */
    static Float stored(Map<String, String> meta, Object modelFile) {
        String t = meta.get(ModelFiles.THRESHOLD);
        if (t == null) {
            return null;
        }
        try {
            float v = Float.parseFloat(t);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(modelFile + ": metadata " + ModelFiles.THRESHOLD
                + ": expected a finite number, got '" + t + "'");
    }

    /** Where a stored threshold comes from: {@code the 99th percentile of the training rows' scores}. */
    static String describe(Map<String, String> meta) {
        String p = meta.get(ModelFiles.THRESHOLD_PERCENTILE);
        try {
            return "the " + percentileName(Double.parseDouble(p)) + " of the training rows' scores";
        } catch (NumberFormatException | NullPointerException e) {
            return "calibrated on the training rows' scores";
        }
    }

    /** {@code 99th percentile}, {@code 99.5th percentile}, {@code 1st percentile}. */
    static String percentileName(double p) {
        String suffix = "th";
        if (p == Math.rint(p) && !(p % 100 >= 11 && p % 100 <= 13)) {
            suffix = switch ((int) (p % 10)) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return fmt(p) + suffix + " percentile";
    }

    /** {@code 99}, {@code 99.5}: a percentile without a needless {@code .0}. */
    static String fmt(double p) {
        return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p);
    }
}
