package org.ae4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled GEMM micro-kernel on the incubating Vector API ({@code jdk.incubator.vector}); only loaded
 * when that module is in the boot layer (see {@link Gemm#VECTOR}).
 *
 * <p>The micro-kernel keeps an {@link #MR} × {@link #NR} block of C in 2·MR vector registers and, for each p in
 * order, adds A(r,p)·B(p,·) to it with one fused multiply-add per vector: every element of C is
 * {@code fma(A(i,p), B(p,j), c)} applied for p = 0, 1, …, k−1 in order, starting from 0 — exactly what
 * {@link Gemm#kernel} computes, so both kernels give bitwise-identical results.
 *
 * <p>Packed layouts: an A micro-panel holds MR rows interleaved, {@code ap[ao + p·MR + r]}; a B micro-panel holds
 * NR columns, {@code bp[bo + p·NR + j]}.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of the register block. */
    static final int MR = 8;
    /** Columns of the register block: two vectors. */
    static final int NR = 2 * L;

    private VectorGemm() {
    }

    /** True when vectors of at least 8 floats are hardware-accelerated (otherwise the scalar kernel is faster). */
    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() >= 8;
    }

    /**
     * C block += A · B micro-panel over kc values of p, where the C block is MR rows of NR floats at
     * {@code c[co + r·ldc + j]} and A(r, p) is {@code ap[ao + p·aps + r·ars]} (a packed panel: aps = MR, ars = 1);
     * with {@code load} false the block starts from zero instead of C.
     *
     * <p>The two starts are two copies of the kernel on purpose: compiled as one method with a branch for the
     * loads, C2 gives the loop code that runs every product about 15 % slower (91 against 107 GFLOP/s on one core
     * for the C1 shapes), even products that never load C.
     */
    static void kernel(int kc, float[] ap, int ao, int aps, int ars, float[] bp, int bo, int bps, float[] c, int co, int ldc,
                       boolean load) {
        if (load) {
            kernelFromC(kc, ap, ao, aps, ars, bp, bo, bps, c, co, ldc);
        } else {
            kernelFromZero(kc, ap, ao, aps, ars, bp, bo, bps, c, co, ldc);
        }
    }

    /** {@link #kernel} starting from zero. */
    private static void kernelFromZero(int kc, float[] ap, int ao, int aps, int ars, float[] bp, int bo, int bps, float[] c,
                                       int co, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int a = ao;
        int b = bo;
        final int r1 = ars;
        final int r2 = 2 * ars;
        final int r3 = 3 * ars;
        final int r4 = 4 * ars;
        final int r5 = 5 * ars;
        final int r6 = 6 * ars;
        final int r7 = 7 * ars;
        for (int p = 0; p < kc; p++, a += aps, b += bps) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + r4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + r5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + r6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + r7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        int o = co;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        o += ldc;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        o += ldc;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        o += ldc;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        o += ldc;
        c40.intoArray(c, o);
        c41.intoArray(c, o + L);
        o += ldc;
        c50.intoArray(c, o);
        c51.intoArray(c, o + L);
        o += ldc;
        c60.intoArray(c, o);
        c61.intoArray(c, o + L);
        o += ldc;
        c70.intoArray(c, o);
        c71.intoArray(c, o + L);
    }

    /** {@link #kernel} starting from the C block. */
    private static void kernelFromC(int kc, float[] ap, int ao, int aps, int ars, float[] bp, int bo, int bps, float[] c,
                                    int co, int ldc) {
        int o = co;
        FloatVector c00 = FloatVector.fromArray(S, c, o);
        FloatVector c01 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c10 = FloatVector.fromArray(S, c, o);
        FloatVector c11 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c20 = FloatVector.fromArray(S, c, o);
        FloatVector c21 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c30 = FloatVector.fromArray(S, c, o);
        FloatVector c31 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c40 = FloatVector.fromArray(S, c, o);
        FloatVector c41 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c50 = FloatVector.fromArray(S, c, o);
        FloatVector c51 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c60 = FloatVector.fromArray(S, c, o);
        FloatVector c61 = FloatVector.fromArray(S, c, o + L);
        o += ldc;
        FloatVector c70 = FloatVector.fromArray(S, c, o);
        FloatVector c71 = FloatVector.fromArray(S, c, o + L);
        int a = ao;
        int b = bo;
        final int r1 = ars;
        final int r2 = 2 * ars;
        final int r3 = 3 * ars;
        final int r4 = 4 * ars;
        final int r5 = 5 * ars;
        final int r6 = 6 * ars;
        final int r7 = 7 * ars;
        for (int p = 0; p < kc; p++, a += aps, b += bps) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + r4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + r5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + r6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + r7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        o = co;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        o += ldc;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        o += ldc;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        o += ldc;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        o += ldc;
        c40.intoArray(c, o);
        c41.intoArray(c, o + L);
        o += ldc;
        c50.intoArray(c, o);
        c51.intoArray(c, o + L);
        o += ldc;
        c60.intoArray(c, o);
        c61.intoArray(c, o + L);
        o += ldc;
        c70.intoArray(c, o);
        c71.intoArray(c, o + L);
    }

    /**
     * Adds {@code bias[bo + j]} to column j of an MR × NR block of C at {@code c[co + r·ldc + j]}: the same float
     * addition as a separate bias ADD, done right after {@link #kernel} stored the block, while it is in L1.
     *
     * <p>Not in the kernel's registers, where it was first put: in some JVMs C2 then left those adds unintrinsified
     * (the kernel is at the limit of what it inlines), and they allocated 1.5 MB per C1 step.
     */
    static void addBias(float[] c, int co, int ldc, float[] bias, int bo) {
        FloatVector b0 = FloatVector.fromArray(S, bias, bo);
        FloatVector b1 = FloatVector.fromArray(S, bias, bo + L);
        for (int r = 0; r < MR; r++) {
            int o = co + r * ldc;
            FloatVector.fromArray(S, c, o).add(b0).intoArray(c, o);
            FloatVector.fromArray(S, c, o + L).add(b1).intoArray(c, o + L);
        }
    }

    /** Copies NR floats from each of {@code rows} rows of src (stride {@code ld}) into consecutive NR-float rows. */
    static void copyRows(float[] src, int so, int ld, float[] dst, int d0, int rows) {
        for (int p = 0; p < rows; p++) {
            int s = so + p * ld;
            int d = d0 + p * NR;
            FloatVector.fromArray(S, src, s).intoArray(dst, d);
            FloatVector.fromArray(S, src, s + L).intoArray(dst, d + L);
        }
    }
}
