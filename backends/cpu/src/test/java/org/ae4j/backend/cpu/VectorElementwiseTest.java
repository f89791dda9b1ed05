package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.ae4j.core.ir.Op;
import org.junit.jupiter.api.Test;

/** The Vector API kernels give the same bits as the scalar ones, so results never depend on which ran. */
class VectorElementwiseTest {
    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        1f, -1f, 88.72283f, 88.72284f, -87.33655f, -103.97208f, 127.99999f, 128f, 1e-8f, 2.4e-4f, 9.2368346E-4f,
        10f, -10.000001f, 0.5f};

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            v[i] = kind == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : kind == 1 ? Float.intBitsToFloat(r.nextInt())
                    : kind == 2 ? (float) r.nextGaussian() * 3 : (float) Math.scalb(r.nextGaussian(), -r.nextInt(30));
        }
        return v;
    }

    private static void assertSameBits(String what, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            if (Float.isNaN(want[i]) && Float.isNaN(got[i])) {
                continue;
            }
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + " at " + i);
        }
    }

    @Test
    void everyKernelMatchesTheScalarKernelBitForBit() {
        assumeTrue(Simd.ENABLED, "the Vector API is not enabled in this JVM");
        int n = 4099; // not a multiple of the vector length: tails run the scalar code
        float[] a = values(n + 3, 1);
        float[] b = values(n + 5, 2);
        for (Op op : Op.values()) {
            if (op.kind() == Op.Kind.UNARY) {
                float[] want = new float[n];
                float[] got = new float[n];
                Elementwise.scalarUnary(op, a, 3, want, 0, n);
                VectorElementwise.unary(op, a, 3, got, 0, n);
                assertSameBits(op.toString(), want, got);
            } else if (op.kind() == Op.Kind.BINARY) {
                for (int mode = 0; mode < 3; mode++) {
                    int as = mode == 2 ? 0 : 1;
                    int bs = mode == 1 ? 0 : 1;
                    float[] want = new float[n];
                    float[] got = new float[n];
                    Elementwise.scalarBinary(op, a, 3, as, b, 5, bs, want, 0, n);
                    VectorElementwise.binary(op, a, 3, as, b, 5, bs, got, 0, n);
                    assertSameBits(op + " mode " + mode, want, got);
                }
            }
        }
    }

    @Test
    void theVectorApiIsUsedExactlyWhenItsModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            assertEquals(false, Simd.ENABLED, "no module, yet the Vector API is enabled");
            assertEquals(false, Gemm.VECTOR);
        }
        if (Boolean.getBoolean("ae4j.test.expectScalar")) {
            assertEquals(false, present, "the scalar-kernels run must start the JVM without jdk.incubator.vector");
        }
        assertEquals(Simd.ENABLED, Gemm.VECTOR);
    }

    @Test
    void kernelsMayWriteOverTheirInput() {
        assumeTrue(Simd.ENABLED, "the Vector API is not enabled in this JVM");
        float[] a = values(1000, 3);
        float[] want = new float[a.length];
        Elementwise.scalarUnary(Op.TANH, a, 0, want, 0, a.length);
        VectorElementwise.unary(Op.TANH, a, 0, a, 0, a.length);
        assertSameBits("tanh in place", want, a);
    }
}
