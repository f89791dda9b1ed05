package org.ae4j.testkit;

/**
 * How far a float32 backend value may be from the double-precision reference: |got − want| ≤ abs + rel·|want|.
 * Non-finite reference values (after rounding to float) must be matched exactly: NaN by NaN, ±∞ by the same ∞.
 *
 * @param rel relative tolerance
 * @param abs absolute tolerance
 */
public record Tolerance(double rel, double abs) {
    /** One float32 rounding per op: elementwise ops, shape ops. */
    public static final Tolerance ELEMENTWISE = new Tolerance(1e-5, 1e-6);
    /** Values built from sums of many float32 terms: MATMUL (K up to several hundred), REDUCE_SUM, gradients. */
    public static final Tolerance SUMS = new Tolerance(1e-4, 1e-5);
    /** Deep random graphs, where rounding errors compound through tens of ops. */
    public static final Tolerance DEEP = new Tolerance(1e-4, 1e-4);
    /** Double-precision central differences (h = 1e-6) against double-precision reference gradients. */
    public static final Tolerance CENTRAL_DIFFERENCE = new Tolerance(1e-6, 1e-6);

    /** Validates the fields. */
    public Tolerance {
        if (!(rel >= 0) || !(abs >= 0)) {
            throw new IllegalArgumentException("tolerance: expected rel >= 0 and abs >= 0, got rel=" + rel
                    + ", abs=" + abs);
        }
    }

    /** Whether a float32 result is close enough to the reference. */
    public boolean accepts(double want, double got) {
        float wantF = (float) want;
        if (Float.isNaN(wantF) || Float.isInfinite(wantF)) {
            return Float.compare(wantF, (float) got) == 0 || (Float.isNaN(wantF) && Double.isNaN(got));
        }
        if (Double.isNaN(got) || Double.isInfinite(got)) {
            return false;
        }
        return Math.abs(got - want) <= abs + rel * Math.abs(want);
    }
}
