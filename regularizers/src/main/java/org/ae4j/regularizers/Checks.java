package org.ae4j.regularizers;

/** Validation of config fields, with messages that name the field, the expectation and the value found. */
final class Checks {
    private Checks() {
    }

    /** A finite number &gt;= 0 (weights λ, β, γ and scales σ, ε). */
    static double nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + ": expected a finite number >= 0, got " + v);
        }
        return v;
    }

    /** 0 &lt; v &lt; 1 (a target activation). */
    static double openUnit(String field, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(field + ": expected 0 < " + field + " < 1, got " + v);
        }
        return v;
    }

    /** 0 &lt;= v &lt; 1 (a corruption probability). */
    static double probability(String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(field + ": expected 0 <= " + field + " < 1, got " + v);
        }
        return v;
    }

    /** An integer &gt;= 1 (a count). */
    static int positive(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + ": expected an integer >= 1, got " + v);
        }
        return v;
    }
}
