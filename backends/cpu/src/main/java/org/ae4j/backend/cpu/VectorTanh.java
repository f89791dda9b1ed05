package org.ae4j.backend.cpu;

import static org.ae4j.backend.cpu.VectorElementwise.F;
import static org.ae4j.backend.cpu.VectorElementwise.I;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Elementwise#tanh} on the Vector API, for {@link VectorElementwise}'s TANH kernel; only loaded when
 * {@link Simd#ENABLED}. Vectors are created inside the loops, as in {@link VectorElementwise}.
 */
final class VectorTanh {
    private VectorTanh() {
    }

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
    static int tanh(float[] a, int ao, float[] o, int oo, int n) {
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
}
