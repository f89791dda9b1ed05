package org.ae4j.backend.cpu;

import org.ae4j.core.ir.Op;

/**
 * Elementwise float32 kernels over flat runs of {@code n} elements. Semantics follow
 * {@link org.ae4j.core.ir.ReferenceExecutor} exactly (MAXIMUM returns a when a ≥ b, so NaN in a yields b; GREATER
 * gives 1 or 0; SIGN is {@link Math#signum(float)}), bit for bit for the comparisons and SIGN, and within 1 ulp of
 * the double-precision function rounded to float for EXP, LOG and TANH. Output may alias an input at the same
 * offset. When {@link Simd#ENABLED}, every kernel runs as {@link VectorElementwise}, which gives the same bits.
 */
final class Elementwise {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = 0.6931471805599453;

    private Elementwise() {
    }

    /** o[oo+i] = op(a[ao+i]) for i &lt; n, for a unary op. */
    static void unary(Op op, float[] a, int ao, float[] o, int oo, int n) {
        if (Simd.ENABLED && n >= Simd.MIN_LENGTH) {
            VectorElementwise.unary(op, a, ao, o, oo, n);
            return;
        }
        scalarUnary(op, a, ao, o, oo, n);
    }

    /** {@link #unary} without the Vector API. */
    static void scalarUnary(Op op, float[] a, int ao, float[] o, int oo, int n) {
        boolean done = switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = -a[ao + i];
                }
                yield true;
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = exp(a[ao + i]);
                }
                yield true;
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = log(a[ao + i]);
                }
                yield true;
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.abs(a[ao + i]);
                }
                yield true;
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = sign(a[ao + i]);
                }
                yield true;
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.sqrt(a[ao + i]);
                }
                yield true;
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = tanh(a[ao + i]);
                }
                yield true;
            }
            case INPUT, PARAMETER, CONSTANT, ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER, MATMUL, REDUCE_SUM,
                 TRANSPOSE, RESHAPE, BROADCAST -> throw notA("unary", op);
        };
        assert done;
    }

    /**
     * o[oo+i] = a[ao+i·as] op b[bo+i·bs] for i &lt; n, where each step {@code as}, {@code bs} is 0 (a repeated
     * scalar) or 1 (a contiguous run).
     */
    static void binary(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        if (Simd.ENABLED && n >= Simd.MIN_LENGTH) {
            VectorElementwise.binary(op, a, ao, as, b, bo, bs, o, oo, n);
            return;
        }
        scalarBinary(op, a, ao, as, b, bo, bs, o, oo, n);
    }

    /** {@link #binary} without the Vector API. */
    static void scalarBinary(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        if (as == 1 && bs == 1) {
            same(op, a, ao, b, bo, o, oo, n);
        } else if (as == 1) {
            scalarRight(op, a, ao, b[bo], o, oo, n);
        } else if (bs == 1) {
            scalarLeft(op, a[ao], b, bo, o, oo, n);
        } else {
            java.util.Arrays.fill(o, oo, oo + n, apply(op, a[ao], b[bo]));
        }
    }

    /** One binary op on two values. */
    static float apply(Op op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAXIMUM -> max(a, b);
            case MINIMUM -> min(a, b);
            case GREATER -> greater(a, b);
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw notA("binary", op);
        };
    }

    /** o = a op b over n contiguous elements. */
    static void same(Op op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        boolean done = switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] + b[bo + i];
                }
                yield true;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] - b[bo + i];
                }
                yield true;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] * b[bo + i];
                }
                yield true;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] / b[bo + i];
                }
                yield true;
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = max(a[ao + i], b[bo + i]);
                }
                yield true;
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = min(a[ao + i], b[bo + i]);
                }
                yield true;
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = greater(a[ao + i], b[bo + i]);
                }
                yield true;
            }
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw notA("binary", op);
        };
        assert done;
    }

    /** o = a op s over n contiguous elements of a. */
    static void scalarRight(Op op, float[] a, int ao, float s, float[] o, int oo, int n) {
        boolean done = switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] + s;
                }
                yield true;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] - s;
                }
                yield true;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] * s;
                }
                yield true;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] / s;
                }
                yield true;
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = max(a[ao + i], s);
                }
                yield true;
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = min(a[ao + i], s);
                }
                yield true;
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = greater(a[ao + i], s);
                }
                yield true;
            }
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw notA("binary", op);
        };
        assert done;
    }

    /** o = s op b over n contiguous elements of b. */
    static void scalarLeft(Op op, float s, float[] b, int bo, float[] o, int oo, int n) {
        boolean done = switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = s + b[bo + i];
                }
                yield true;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = s - b[bo + i];
                }
                yield true;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = s * b[bo + i];
                }
                yield true;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = s / b[bo + i];
                }
                yield true;
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = max(s, b[bo + i]);
                }
                yield true;
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = min(s, b[bo + i]);
                }
                yield true;
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = greater(s, b[bo + i]);
                }
                yield true;
            }
            case INPUT, PARAMETER, CONSTANT, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL, REDUCE_SUM, TRANSPOSE,
                 RESHAPE, BROADCAST -> throw notA("binary", op);
        };
        assert done;
    }

    /**
     * a ≥ b ? a : b, exactly (NaN in a gives b; −0 and +0 tie, giving a), computed with {@link Math#max} where the
     * two differ only on ties and NaN, so the data-dependent branch becomes a predictable one.
     */
    static float max(float a, float b) {
        return (a != a || a == b) ? (a != a ? b : a) : Math.max(a, b);
    }

    /** a ≤ b ? a : b, exactly; see {@link #max}. */
    static float min(float a, float b) {
        return (a != a || a == b) ? (a != a ? b : a) : Math.min(a, b);
    }

    /**
     * a &gt; b ? 1 : 0 without a branch: with gradual underflow, a − b is positive (and not NaN) exactly when a &gt; b,
     * infinities and NaN included; the bits of a positive non-NaN float lie in [1, 0x7f800000].
     */
    static float greater(float a, float b) {
        int d = Float.floatToRawIntBits(a - b);
        return 1 - (((d - 1) | (0x7f800000 - d)) >>> 31);
    }

    /** {@link Math#signum(float)} without branches on the sign: ±1 with x's sign, or x itself for ±0 and NaN. */
    static float sign(float x) {
        return (x == 0 || x != x) ? x : Float.intBitsToFloat((Float.floatToRawIntBits(x) & 0x80000000) | 0x3f800000);
    }

    /** 1.5·2⁵²: adding it to a double of magnitude below 2⁵¹ rounds it to an integer (half to even). */
    static final double MAGIC = 0x1.8p52;
    static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    /** Taylor coefficients of e^r, 1/i! for i = 0 … 9. */
    static final double[] EXP_C = {1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
        1.0 / 362880};
    /** Series coefficients of 2·atanh(s)/s in s², 2/(2i+1) for i = 0 … 6. */
    static final double[] LOG_C = {2, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13};
    /** tanh's argument is clamped to [−10, 10], where tanh x rounds to ±1 in float. */
    static final float TANH_CLAMP = 10f;
    /** 1.5·2²³: adding it to a float of magnitude below 2²² rounds it to an integer (half to even). */
    static final float MAGIC_F = 0x1.8p23f;
    static final int MAGIC_F_BITS = Float.floatToRawIntBits(MAGIC_F);
    static final float LOG2E_F = 1.44269504f;
    /** ln 2 split for Cody–Waite reduction: the high part has trailing zero bits, so n·LN2_HI is exact. */
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860682e-6f;
    /** Taylor coefficients of (e^r − 1)/r, 1/(i+1)! for i = 0 … 7. */
    static final float[] EM1_C = {1f, 1f / 2, 1f / 6, 1f / 24, 1f / 120, 1f / 720, 1f / 5040, 1f / 40320};

    /**
     * e^x rounded to float, within 1 ulp of {@code (float) Math.exp(x)} and about three times faster. In double:
     * x = n·ln 2 + r with |r| ≤ ln2/2 (n rounded half to even by adding {@link #MAGIC}), e^r by its Taylor series to
     * r⁹ (relative error below 3e-10), scaled by 2ⁿ through the exponent bits; the final rounding to float gives
     * overflow to ∞ and gradual underflow. |x| ≥ 128, ±∞ and NaN take {@link Math#exp}. {@link VectorElementwise}
     * performs the same double operations in the same order, so both give identical bits.
     */
    static float exp(float x) {
        if (!(Math.abs(x) < 128f)) {
            return (float) Math.exp(x);
        }
        double t = x * LOG2E + MAGIC;
        double n = t - MAGIC;
        double r = x - n * LN2;
        double p = EXP_C[9];
        for (int i = 8; i >= 0; i--) {
            p = EXP_C[i] + r * p;
        }
        long nb = Double.doubleToRawLongBits(t) - MAGIC_BITS;
        return (float) (p * Double.longBitsToDouble((nb + 1023) << 52));
    }

    /**
     * ln x rounded to float, within 1 ulp of {@code (float) Math.log(x)} and about twice as fast. For a normal
     * positive x = m·2^e with m in [√½, √2): ln x = e·ln 2 + 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.172, by its series
     * to s¹³ in double. Zero, negatives, subnormals, ∞ and NaN take {@link Math#log}.
     */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (bits < 0x00800000 || bits >= 0x7f800000) {
            return (float) Math.log(x);
        }
        int mant = bits & 0x7fffff;
        int k = (mant + (0x800000 - 0x3504f3)) >>> 23; // 1 when the mantissa is at least √2
        double m = Float.intBitsToFloat(mant | ((127 - k) << 23));
        int e = (bits >>> 23) - 127 + k;
        double s = (m - 1) / (m + 1);
        double s2 = s * s;
        double q = LOG_C[6];
        for (int i = 5; i >= 0; i--) {
            q = LOG_C[i] + s2 * q;
        }
        return (float) (e * LN2 + s * q);
    }

    /**
     * tanh in float arithmetic, within 3 ulps of {@code (float) Math.tanh(x)} (see ElementwiseTest): with
     * y = −2·min(|x|, 10) = n·ln 2 + r (Cody–Waite, |r| ≤ ln2/2), u = e^y − 1 = (2ⁿ − 1) + 2ⁿ·r·Q(r), which keeps its
     * relative precision near 0, and tanh|x| = −u/(u + 2), given x's sign. NaN gives NaN, ±0 gives ±0. Only float
     * additions, multiplications, one division and bit operations, so {@link VectorElementwise} computes the same
     * bits with 16-lane vectors.
     */
    static float tanh(float x) {
        float u = tanhU(x);
        float v = -u / (u + 2f);
        return Float.intBitsToFloat((Float.floatToRawIntBits(v) & 0x7fffffff) | (Float.floatToRawIntBits(x)
                & 0x80000000));
    }

    /** e^(−2·min(|x|, 10)) − 1, the first half of {@link #tanh}. */
    static float tanhU(float x) {
        float y = Math.min(Math.abs(x), TANH_CLAMP) * -2f;
        float t = y * LOG2E_F + MAGIC_F;
        float n = t - MAGIC_F;
        float r = (y - n * LN2_HI) - n * LN2_LO;
        float q = EM1_C[7];
        for (int i = 6; i >= 0; i--) {
            q = q * r + EM1_C[i];
        }
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - MAGIC_F_BITS + 127) << 23);
        return (scale - 1f) + scale * (r * q);
    }

    private static IllegalArgumentException notA(String kind, Op op) {
        return new IllegalArgumentException(op + " is not a " + kind + " op");
    }
}
