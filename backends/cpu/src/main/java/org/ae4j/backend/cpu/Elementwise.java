package org.ae4j.backend.cpu;

import org.ae4j.core.ir.Op;

/**
 * Elementwise float32 kernels over flat runs of {@code n} elements. Semantics follow
 * {@link org.ae4j.core.ir.ReferenceExecutor} exactly (MAXIMUM returns a when a ≥ b, so NaN in a yields b; GREATER
 * gives 1 or 0; SIGN is {@link Math#signum(float)}), bit for bit for the comparisons and SIGN, and within 1 ulp of
 * the double-precision function rounded to float for EXP, LOG and TANH. Output may alias an input at the same
 * offset.
 */
final class Elementwise {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = 0.6931471805599453;

    private Elementwise() {
    }

    /** o[oo+i] = op(a[ao+i]) for i &lt; n, for a unary op. */
    static void unary(Op op, float[] a, int ao, float[] o, int oo, int n) {
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

    /**
     * e^x rounded to float, within 1 ulp of {@code (float) Math.exp(x)} and about three times faster. In double:
     * x = n·ln 2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r⁹ (relative error below 3e-10), scaled by 2ⁿ
     * through the exponent bits; the final rounding to float gives overflow to ∞ and gradual underflow. |x| ≥ 128,
     * ±∞ and NaN take {@link Math#exp}.
     */
    static float exp(float x) {
        if (!(Math.abs(x) < 128f)) {
            return (float) Math.exp(x);
        }
        double n = Math.rint(x * LOG2E);
        double r = x - n * LN2;
        double p = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
                + r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880)))))))));
        return (float) (p * Double.longBitsToDouble((long) (n + 1023) << 52));
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
        double t = s * (2 + s2 * (2.0 / 3 + s2 * (2.0 / 5 + s2 * (2.0 / 7 + s2 * (2.0 / 9 + s2 * (2.0 / 11
                + s2 * (2.0 / 13)))))));
        return (float) (e * LN2 + t);
    }

    /**
     * tanh rounded to float, within 1 ulp of {@code (float) Math.tanh(x)} and about six times faster: in double,
     * tanh|x| = (1 − t)/(1 + t) with t = e^(−2|x|), whose relative error stays below 1e-8 for |x| ≥ 1e-8; below
     * that tanh x rounds to x.
     */
    static float tanh(float x) {
        double ax = Math.abs((double) x);
        if (ax < 1e-8) {
            return x;
        }
        double t = Math.exp(-2 * ax);
        return (float) Math.copySign((1 - t) / (1 + t), x);
    }

    private static IllegalArgumentException notA(String kind, Op op) {
        return new IllegalArgumentException(op + " is not a " + kind + " op");
    }
}
