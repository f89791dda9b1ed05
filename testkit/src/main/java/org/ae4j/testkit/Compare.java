package org.ae4j.testkit;

import java.util.Arrays;

/** Assertions that compare a backend's values with reference values, naming what and where on failure. */
public final class Compare {
    private Compare() {
    }

    /** Asserts every element of got is within tol of want. */
    public static void assertClose(String what, double[] want, float[] got, Tolerance tol) {
        double[] g = new double[got.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = got[i];
        }
        assertClose(what, want, g, tol);
    }

    /** Asserts every element of got is within tol of want. */
    public static void assertClose(String what, double[] want, double[] got, Tolerance tol) {
        if (want.length != got.length) {
            throw new AssertionError(what + ": expected " + want.length + " values, got " + got.length);
        }
        int bad = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            if (!tol.accepts(want[i], got[i])) {
                if (first < 0) {
                    first = i;
                }
                bad++;
                worst = Math.max(worst, Math.abs(got[i] - want[i]));
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format(
                    "%s: %d of %d values outside %s; first at flat index %d: expected %s, got %s (largest |diff| %s)%s",
                    what, bad, want.length, tol, first, want[first], got[first], worst,
                    want.length <= 32 ? "\n  expected " + Arrays.toString(want) + "\n  got      " + Arrays.toString(got)
                            : ""));
        }
    }

    /** Asserts two float arrays are bitwise identical (NaNs included). */
    public static void assertBitwiseEqual(String what, float[] want, float[] got) {
        if (want.length != got.length) {
            throw new AssertionError(what + ": expected " + want.length + " values, got " + got.length);
        }
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                throw new AssertionError(what + ": not bitwise identical at flat index " + i + ": " + want[i]
                        + " vs " + got[i]);
            }
        }
    }
}
