package org.ae4j.backend.cpu;


import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.core.ir.Op;

/**
 * {@link Elementwise}'s kernels on the incubating Vector API; only loaded when {@link Simd#ENABLED}. Every kernel
 * gives the same bits as the scalar one: the arithmetic ops, SQRT, ABS and NEG are exact IEEE operations either
 * way; comparisons and SIGN are blends with the scalar semantics; TANH ({@link VectorTanh}) performs the scalar code's
 * float operations in the same order (no fused multiply-add), lane by lane; EXP and LOG run the scalar kernels. Tails shorter than a
 * vector run the scalar kernel.
 *
 * <p>Written for the JDK 17 JIT: one vector shape throughout (mixing 256- and 512-bit vectors of one element type
 * pollutes the type profiles of the shared library methods and the JIT then boxes vectors), bit casts through
 * {@code reinterpretShape} with constant species, every vector created inside its loop, and one loop per
 * kernel called through a table (see below).
 */
final class VectorElementwise {
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() >= 16;
    /** The one vector shape of these kernels (and {@link VectorTanh}'s). */
    static final VectorSpecies<Float> F = WIDE ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = WIDE ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
    private static final FloatVector ZERO = FloatVector.zero(F);
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    /** A vector loop over the first {@code bound} elements (a multiple of the vector length); returns bound. */
    private interface BinaryVV {
        int run(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound);
    }

    /** As {@link BinaryVV} with a scalar right operand. */
    private interface BinaryVS {
        int run(float[] a, int ao, float s, float[] o, int oo, int bound);
    }

    /** As {@link BinaryVV} with a scalar left operand. */
    private interface BinarySV {
        int run(float s, float[] b, int bo, float[] o, int oo, int bound);
    }

    /** A vector loop over the longest prefix of n elements it handles; returns its length. */
    private interface Unary {
        int run(float[] a, int ao, float[] o, int oo, int n);
    }

    // Kernels are called through these tables, one class per kernel, so that the call sites are megamorphic and
    // each kernel is compiled on its own: inlining them all into one caller exhausts the JIT's inlining budget,
    // and a Vector API call left out of line boxes its vectors (tens of times slower).
    private static final BinaryVV[] VV = new BinaryVV[Op.values().length];
    private static final BinaryVS[] VS = new BinaryVS[Op.values().length];
    private static final BinarySV[] SV = new BinarySV[Op.values().length];
    private static final Unary[] UNARY = new Unary[Op.values().length];

    static {
        VV[Op.ADD.ordinal()] = VectorElementwise::addVV;
        VS[Op.ADD.ordinal()] = VectorElementwise::addVS;
        SV[Op.ADD.ordinal()] = VectorElementwise::addSV;
        VV[Op.SUB.ordinal()] = VectorElementwise::subVV;
        VS[Op.SUB.ordinal()] = VectorElementwise::subVS;
        SV[Op.SUB.ordinal()] = VectorElementwise::subSV;
        VV[Op.MUL.ordinal()] = VectorElementwise::mulVV;
        VS[Op.MUL.ordinal()] = VectorElementwise::mulVS;
        SV[Op.MUL.ordinal()] = VectorElementwise::mulSV;
        VV[Op.DIV.ordinal()] = VectorElementwise::divVV;
        VS[Op.DIV.ordinal()] = VectorElementwise::divVS;
        SV[Op.DIV.ordinal()] = VectorElementwise::divSV;
        VV[Op.MAXIMUM.ordinal()] = VectorElementwise::maximumVV;
        VS[Op.MAXIMUM.ordinal()] = VectorElementwise::maximumVS;
        SV[Op.MAXIMUM.ordinal()] = VectorElementwise::maximumSV;
        VV[Op.MINIMUM.ordinal()] = VectorElementwise::minimumVV;
        VS[Op.MINIMUM.ordinal()] = VectorElementwise::minimumVS;
        SV[Op.MINIMUM.ordinal()] = VectorElementwise::minimumSV;
        VV[Op.GREATER.ordinal()] = VectorElementwise::greaterVV;
        VS[Op.GREATER.ordinal()] = VectorElementwise::greaterVS;
        SV[Op.GREATER.ordinal()] = VectorElementwise::greaterSV;
        UNARY[Op.NEG.ordinal()] = VectorElementwise::neg;
        UNARY[Op.ABS.ordinal()] = VectorElementwise::abs;
        UNARY[Op.SQRT.ordinal()] = VectorElementwise::sqrt;
        UNARY[Op.SIGN.ordinal()] = VectorElementwise::sign;
        // EXP and LOG run the scalar kernels (rare in training steps; their double-precision vector forms need
        // float/double conversions that the JDK 17 JIT does not compile well).
        UNARY[Op.EXP.ordinal()] = (a, ao, o, oo, n) -> 0;
        UNARY[Op.LOG.ordinal()] = (a, ao, o, oo, n) -> 0;
        UNARY[Op.TANH.ordinal()] = VectorTanh::tanh;
    }

    private VectorElementwise() {
    }

    /** o[oo+i] = op(a[ao+i]) for i &lt; n. */
    static void unary(Op op, float[] a, int ao, float[] o, int oo, int n) {
        Unary k = UNARY[op.ordinal()];
        if (k == null) {
            throw new IllegalArgumentException(op + " is not a unary op");
        }
        int i = k.run(a, ao, o, oo, n);
        if (i < n) {
            Elementwise.scalarUnary(op, a, ao + i, o, oo + i, n - i);
        }
    }

    private static int neg(float[] a, int ao, float[] o, int oo, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.neg().intoArray(o, oo + i);
        }
        return i;
    }

    /** |x| by clearing the sign bit, as {@link Math#abs(float)} does. */
    private static int abs(float[] a, int ao, float[] o, int oo, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector x = (IntVector) FloatVector.fromArray(F, a, ao + i).reinterpretShape(I, 0);
            ((FloatVector) x.and(magnitude).reinterpretShape(F, 0)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int sqrt(float[] a, int ao, float[] o, int oo, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.sqrt().intoArray(o, oo + i);
        }
        return i;
    }

    /** ±1 with x's sign where |x| &gt; 0 (not NaN, not ±0), else x. */
    private static int sign(float[] a, int ao, float[] o, int oo, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector signBit = IntVector.broadcast(I, 0x80000000);
            IntVector one = IntVector.broadcast(I, 0x3f800000);
            FloatVector zero = FloatVector.zero(F);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            IntVector bits = (IntVector) x.reinterpretShape(I, 0);
            FloatVector ax = (FloatVector) bits.and(magnitude).reinterpretShape(F, 0);
            FloatVector signed = (FloatVector) bits.and(signBit).or(one).reinterpretShape(F, 0);
            x.blend(signed, ax.compare(VectorOperators.GT, zero)).intoArray(o, oo + i);
        }
        return i;
    }

    // Vectors are created inside the loops (the JIT hoists them): a vector defined before a loop reaches an
    // on-stack-replacement compilation of it without its exact type, and there every Vector API call falls back to
    // slow Java code.

    /**
     * o[oo+i] = a[ao+i·as] op b[bo+i·bs] for i &lt; n, where each step {@code as}, {@code bs} is 0 (a repeated
     * scalar) or 1 (a contiguous run). MAXIMUM is a ≥ b ? a : b (NaN in a gives b), MINIMUM a ≤ b ? a : b,
     * GREATER a &gt; b ? 1 : 0.
     */
    static void binary(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        if (as == 0 && bs == 0) {
            java.util.Arrays.fill(o, oo, oo + n, Elementwise.apply(op, a[ao], b[bo]));
            return;
        }
        int bound = F.loopBound(n);
        int k = op.ordinal();
        int i;
        if (as == 1 && bs == 1) {
            i = VV[k].run(a, ao, b, bo, o, oo, bound);
        } else if (as == 1) {
            i = VS[k].run(a, ao, b[bo], o, oo, bound);
        } else {
            i = SV[k].run(a[ao], b, bo, o, oo, bound);
        }
        if (i < n) {
            Elementwise.scalarBinary(op, a, ao + i * as, as, b, bo + i * bs, bs, o, oo + i, n - i);
        }
    }

    private static int addVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.add(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int addVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.add(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int addSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.add(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.sub(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.sub(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int subSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.sub(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.mul(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.mul(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mulSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.mul(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.div(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.div(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int divSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            x.div(y).intoArray(o, oo + i);
        }
        return i;
    }

    private static int maximumVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            y.blend(x, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int maximumVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            y.blend(x, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int maximumSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            y.blend(x, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int minimumVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            y.blend(x, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int minimumVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            y.blend(x, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int minimumSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            y.blend(x, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int greaterVV(float[] a, int ao, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            ZERO.blend(ONE, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int greaterVS(float[] a, int ao, float s, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector y = FloatVector.broadcast(F, s);
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            ZERO.blend(ONE, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int greaterSV(float s, float[] b, int bo, float[] o, int oo, int bound) {
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.broadcast(F, s);
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            ZERO.blend(ONE, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
        return i;
    }
}
