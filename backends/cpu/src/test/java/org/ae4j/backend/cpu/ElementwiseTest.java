package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        1f, -1f, 88.72283f, 88.72284f, -87.33655f, -103.97208f, -103.97209f, 127.99999f, 128f, 1e-8f, 1.0000001f};

    /** Distance in units in the last place; 0 for two NaNs, huge for different signs. */
    private static long ulps(float a, float b) {
        if (Float.isNaN(a) && Float.isNaN(b)) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b) || (a < 0) != (b < 0) && a != b) {
            return Long.MAX_VALUE;
        }
        return Math.abs((long) Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    private static void assertWithinOneUlp(String name, java.util.function.Function<Float, Float> f,
                                           DoubleUnaryOperator exact) {
        assertWithinUlps(name, f, exact, 1);
    }

    private static void assertWithinUlps(String name, java.util.function.Function<Float, Float> f,
                                         DoubleUnaryOperator exact, long maxUlps) {
        long worst = 0;
        float where = 0;
        for (long bits = 0; bits <= 0xffffffffL; bits += 4099) {
            float x = Float.intBitsToFloat((int) bits);
            long u = ulps(f.apply(x), (float) exact.applyAsDouble(x));
            if (u > worst) {
                worst = u;
                where = x;
            }
        }
        for (float x : SPECIAL) {
            long u = ulps(f.apply(x), (float) exact.applyAsDouble(x));
            if (u > worst) {
                worst = u;
                where = x;
            }
        }
        assertTrue(worst <= maxUlps, name + " is " + worst + " ulps from the reference at " + where);
    }

    @Test
    void expIsWithinOneUlpOfTheDoubleFunctionRounded() {
        assertWithinOneUlp("exp", Elementwise::exp, Math::exp);
    }

    @Test
    void logIsWithinOneUlpOfTheDoubleFunctionRounded() {
        assertWithinOneUlp("log", Elementwise::log, Math::log);
    }

    /** tanh is computed in float (so that 16 lanes fit a vector): at most 2 ulps off, seen near |x| = 1e-3. */
    @Test
    void tanhIsWithinTwoUlpsOfTheDoubleFunctionRounded() {
        assertWithinUlps("tanh", Elementwise::tanh, Math::tanh, 2);
    }

    @Test
    void tanhKeepsSignedZerosAndNaN() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Elementwise.tanh(0f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Elementwise.tanh(-0f)));
        assertTrue(Float.isNaN(Elementwise.tanh(Float.NaN)));
        assertEquals(1f, Elementwise.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Elementwise.tanh(-1e30f));
    }

    @Test
    void comparisonsAndSignMatchTheReferenceBitForBit() {
        Random r = new Random(3);
        for (int t = 0; t < 2_000_000; t++) {
            boolean special = t < SPECIAL.length * SPECIAL.length;
            float a = special ? SPECIAL[t / SPECIAL.length] : pick(r);
            float b = special ? SPECIAL[t % SPECIAL.length] : (r.nextInt(4) == 0 ? a : pick(r));
            assertEquals(Float.floatToIntBits(a >= b ? a : b), Float.floatToIntBits(Elementwise.max(a, b)),
                    "max(" + a + ", " + b + ")");
            assertEquals(Float.floatToIntBits(a <= b ? a : b), Float.floatToIntBits(Elementwise.min(a, b)),
                    "min(" + a + ", " + b + ")");
            assertEquals(a > b ? 1f : 0f, Elementwise.greater(a, b), "greater(" + a + ", " + b + ")");
            assertEquals(Float.floatToIntBits(Math.signum(a)), Float.floatToIntBits(Elementwise.sign(a)),
                    "sign(" + a + ")");
        }
    }

    private static float pick(Random r) {
        return r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : Float.intBitsToFloat(r.nextInt());
    }
}
