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
 * way; comparisons and SIGN are blends with the scalar semantics; TANH performs the scalar code's float operations
 * in the same order (no fused multiply-add), lane by lane; EXP and LOG run the scalar kernels. Tails shorter than a
 * vector run the scalar kernel.
 *
 * <p>Written for the JDK 17 JIT: one vector shape throughout (mixing 256- and 512-bit vectors of one element type
 * pollutes the type profiles of the shared library methods and the JIT then boxes vectors), bit casts through
 * {@code reinterpretShape} with constant species, every vector created inside its loop, and one loop per
 * kernel called through a table (see below).
 */
final class VectorElementwise {
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() >= 16;
    private static final VectorSpecies<Float> F = WIDE ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = WIDE ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
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
        UNARY[Op.TANH.ordinal()] = VectorElementwise::tanh;
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

    /** Elements per pass of {@link #tanh}. */
    private static final int CHUNK = 1024;
    /** Per-thread scratch of {@link #tanh}, allocated once per thread. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    /**
     * {@link Elementwise#tanh}, lane by lane: the same float operations in the same order. In three passes over
     * chunks of {@link #CHUNK} (one loop with all of it exceeds the JIT's inlining budget, and an operation left out
     * of line falls back to slow, allocating Java code): reduce (scratch ← r, o ← t carrying x's sign), polynomial
     * (scratch ← r·Q(r)), finish (o ← tanh x). o may be a itself.
     *
     * <p>Each pass must also be compiled on its own, never inlined into a caller. The table's call site does not
     * ensure that: a process that only scores uses no other unary op, the site stays monomorphic, and the JIT
     * inlined this method with its three passes into {@link FusedStep}'s block loop. There the budget ran out, the
     * polynomial's {@code mul} fell back to Java, and the score of 1,024 rows allocated 6.4 MB per run and took
     * 0.5 ms more (in 6 JVMs of 6 once warm, 3 s into the run). So each pass has its loop unrolled twice plus a
     * one-vector tail: that makes it longer than the JIT inlines a hot method (FreqInlineSize, 325 bytes of
     * bytecode), and it gives the two vectors of a step independent chains.
     */
    private static int tanh(float[] a, int ao, float[] o, int oo, int n) {
        int bound = F.loopBound(n);
        float[] s = SCRATCH.get();
        for (int c0 = 0; c0 < bound; c0 += CHUNK) {
            int len = Math.min(CHUNK, bound - c0);
            tanhReduce(a, ao + c0, o, oo + c0, s, len);
            tanhPoly(s, len);
            tanhFinish(o, oo + c0, s, len);
        }
        return bound;
    }

    /** len a multiple of the vector length. */
    private static void tanhReduce(float[] a, int ao, float[] o, int oo, float[] s, int len) {
        int step = F.length();
        int i = 0;
        for (; i + 2 * step <= len; i += 2 * step) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector signBit = IntVector.broadcast(I, 0x80000000);
            FloatVector clamp = FloatVector.broadcast(F, Elementwise.TANH_CLAMP);
            FloatVector minus2 = FloatVector.broadcast(F, -2f);
            FloatVector log2e = FloatVector.broadcast(F, Elementwise.LOG2E_F);
            FloatVector magic = FloatVector.broadcast(F, Elementwise.MAGIC_F);
            FloatVector ln2Hi = FloatVector.broadcast(F, Elementwise.LN2_HI);
            FloatVector ln2Lo = FloatVector.broadcast(F, Elementwise.LN2_LO);
            IntVector xb0 = (IntVector) FloatVector.fromArray(F, a, ao + i).reinterpretShape(I, 0);
            IntVector xb1 = (IntVector) FloatVector.fromArray(F, a, ao + i + step).reinterpretShape(I, 0);
            FloatVector y0 = ((FloatVector) xb0.and(magnitude).reinterpretShape(F, 0)).min(clamp).mul(minus2);
            FloatVector y1 = ((FloatVector) xb1.and(magnitude).reinterpretShape(F, 0)).min(clamp).mul(minus2);
            FloatVector t0 = y0.mul(log2e).add(magic);
            FloatVector t1 = y1.mul(log2e).add(magic);
            FloatVector n0 = t0.sub(magic);
            FloatVector n1 = t1.sub(magic);
            y0.sub(n0.mul(ln2Hi)).sub(n0.mul(ln2Lo)).intoArray(s, i);
            y1.sub(n1.mul(ln2Hi)).sub(n1.mul(ln2Lo)).intoArray(s, i + step);
            IntVector tb0 = (IntVector) t0.reinterpretShape(I, 0);
            IntVector tb1 = (IntVector) t1.reinterpretShape(I, 0);
            ((FloatVector) tb0.or(xb0.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i);
            ((FloatVector) tb1.or(xb1.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i + step);
        }
        for (; i < len; i += step) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector signBit = IntVector.broadcast(I, 0x80000000);
            FloatVector clamp = FloatVector.broadcast(F, Elementwise.TANH_CLAMP);
            FloatVector minus2 = FloatVector.broadcast(F, -2f);
            FloatVector log2e = FloatVector.broadcast(F, Elementwise.LOG2E_F);
            FloatVector magic = FloatVector.broadcast(F, Elementwise.MAGIC_F);
            FloatVector ln2Hi = FloatVector.broadcast(F, Elementwise.LN2_HI);
            FloatVector ln2Lo = FloatVector.broadcast(F, Elementwise.LN2_LO);
            IntVector xb = (IntVector) FloatVector.fromArray(F, a, ao + i).reinterpretShape(I, 0);
            FloatVector y = ((FloatVector) xb.and(magnitude).reinterpretShape(F, 0)).min(clamp).mul(minus2);
            FloatVector t = y.mul(log2e).add(magic);
            FloatVector nn = t.sub(magic);
            y.sub(nn.mul(ln2Hi)).sub(nn.mul(ln2Lo)).intoArray(s, i);
            IntVector tb = (IntVector) t.reinterpretShape(I, 0);
            ((FloatVector) tb.or(xb.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i);
        }
    }

    /** s[i] ← r·Q(r), Q by Horner's rule in {@link Elementwise#EM1_C}'s order; len a multiple of the vectors. */
    private static void tanhPoly(float[] s, int len) {
        float[] c = Elementwise.EM1_C;
        int step = F.length();
        int i = 0;
        for (; i + 2 * step <= len; i += 2 * step) {
            FloatVector r0 = FloatVector.fromArray(F, s, i);
            FloatVector r1 = FloatVector.fromArray(F, s, i + step);
            FloatVector q0 = FloatVector.broadcast(F, c[7]);
            FloatVector q1 = FloatVector.broadcast(F, c[7]);
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[6]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[6]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[5]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[5]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[4]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[4]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[3]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[3]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[2]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[2]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[1]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[1]));
            q0 = q0.mul(r0).add(FloatVector.broadcast(F, c[0]));
            q1 = q1.mul(r1).add(FloatVector.broadcast(F, c[0]));
            r0.mul(q0).intoArray(s, i);
            r1.mul(q1).intoArray(s, i + step);
        }
        for (; i < len; i += step) {
            FloatVector r = FloatVector.fromArray(F, s, i);
            FloatVector q = FloatVector.broadcast(F, c[7]).mul(r).add(FloatVector.broadcast(F, c[6])).mul(r)
                    .add(FloatVector.broadcast(F, c[5])).mul(r).add(FloatVector.broadcast(F, c[4])).mul(r)
                    .add(FloatVector.broadcast(F, c[3])).mul(r).add(FloatVector.broadcast(F, c[2])).mul(r)
                    .add(FloatVector.broadcast(F, c[1])).mul(r).add(FloatVector.broadcast(F, c[0]));
            r.mul(q).intoArray(s, i);
        }
    }

    /** o ← tanh x from the reduce pass's t (with x's sign) and the polynomial; len a multiple of the vectors. */
    private static void tanhFinish(float[] o, int oo, float[] s, int len) {
        int step = F.length();
        int i = 0;
        for (; i + 2 * step <= len; i += 2 * step) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector signBit = IntVector.broadcast(I, 0x80000000);
            IntVector bias = IntVector.broadcast(I, 127 - Elementwise.MAGIC_F_BITS);
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector two = FloatVector.broadcast(F, 2f);
            IntVector wb0 = (IntVector) FloatVector.fromArray(F, o, oo + i).reinterpretShape(I, 0);
            IntVector wb1 = (IntVector) FloatVector.fromArray(F, o, oo + i + step).reinterpretShape(I, 0);
            FloatVector scale0 = (FloatVector) wb0.and(magnitude).add(bias).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretShape(F, 0);
            FloatVector scale1 = (FloatVector) wb1.and(magnitude).add(bias).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretShape(F, 0);
            FloatVector u0 = scale0.sub(one).add(scale0.mul(FloatVector.fromArray(F, s, i)));
            FloatVector u1 = scale1.sub(one).add(scale1.mul(FloatVector.fromArray(F, s, i + step)));
            IntVector vb0 = (IntVector) u0.neg().div(u0.add(two)).reinterpretShape(I, 0);
            IntVector vb1 = (IntVector) u1.neg().div(u1.add(two)).reinterpretShape(I, 0);
            ((FloatVector) vb0.and(magnitude).or(wb0.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i);
            ((FloatVector) vb1.and(magnitude).or(wb1.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i + step);
        }
        for (; i < len; i += step) {
            IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
            IntVector signBit = IntVector.broadcast(I, 0x80000000);
            IntVector bias = IntVector.broadcast(I, 127 - Elementwise.MAGIC_F_BITS);
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector two = FloatVector.broadcast(F, 2f);
            IntVector wb = (IntVector) FloatVector.fromArray(F, o, oo + i).reinterpretShape(I, 0);
            FloatVector scale = (FloatVector) wb.and(magnitude).add(bias).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretShape(F, 0);
            FloatVector u = scale.sub(one).add(scale.mul(FloatVector.fromArray(F, s, i)));
            IntVector vb = (IntVector) u.neg().div(u.add(two)).reinterpretShape(I, 0);
            ((FloatVector) vb.and(magnitude).or(wb.and(signBit)).reinterpretShape(F, 0)).intoArray(o, oo + i);
        }
    }

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
