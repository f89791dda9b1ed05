package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.testkit.Runs;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** fma(A(i,p), B(p,j), s) for p in order, in float: what every element of the GEMM must equal bit for bit. */
    private static float[] sequential(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[p * m + i] : a[i * k + p];
                    float bv = tb ? b[j * k + p] : b[p * n + j];
                    s = Math.fma(av, bv, s);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static float[] gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, int threads) {
        float[] c = new float[m * n + 3];
        java.util.Arrays.fill(c, Float.NaN);
        try (WorkerPool pool = new WorkerPool(threads, "gemm-test-")) {
            Gemm.Workspace[] ws = new Gemm.Workspace[threads];
            for (int i = 0; i < threads; i++) {
                ws[i] = Gemm.Workspace.forProduct(m, n, k);
            }
            // Operands and result at non-zero offsets, to check the offset arithmetic.
            float[] ao = new float[a.length + 5];
            System.arraycopy(a, 0, ao, 5, a.length);
            float[] bo = new float[b.length + 2];
            System.arraycopy(b, 0, bo, 2, b.length);
            new GemmTask(ta, tb, m, n, k, ao, 5, bo, 2, c, 3, ws, pool).run();
        }
        return java.util.Arrays.copyOfRange(c, 3, c.length);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1,1,1", "3,5,2", "4,16,4", "5,17,3", "63,65,257", "64,256,256", "65,257,513", "130,520,300",
        "1,300,700", "300,1,700", "128,784,256", "24,64,1025", "40,70,2100", "13,96,3000"})
    void everyElementIsTheInOrderFloatSumForAllTransposes(int m, int n, int k) {
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            float[] a = random(m * k, 1 + t);
            float[] b = random(k * n, 11 + t);
            float[] want = sequential(ta, tb, m, n, k, a, b);
            for (int threads : new int[] {1, 2, 3}) {
                float[] got = gemm(ta, tb, m, n, k, a, b, threads);
                assertArrayEquals(want, got, "transA=" + ta + " transB=" + tb + " threads=" + threads);
            }
        }
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} bias first={3}")
    @CsvSource({"5,17,3,false", "130,520,300,true", "128,784,256,false", "784,256,128,true"})
    void aBiasAddOnAProductRunsInItsStepWithTheSameBits(int m, int n, int k, boolean biasFirst) {
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            float[] a = random(m * k, 3 + t);
            float[] b = random(k * n, 13 + t);
            float[] bias = random(n, 23 + t);
            float[] want = sequential(ta, tb, m, n, k, a, b);
            for (int i = 0; i < want.length; i++) {
                want[i] += bias[i % n];
            }
            Node x = Ops.input("a", ta ? Shape.of(k, m) : Shape.of(m, k));
            Node w = Ops.input("b", tb ? Shape.of(n, k) : Shape.of(k, n));
            Node bv = Ops.input("bias", t % 2 == 0 ? Shape.of(n) : Shape.of(1, n));
            Node product = Ops.matmul(x, w, ta, tb);
            Node y = biasFirst ? Ops.add(bv, product) : Ops.add(product, bv);
            // Read twice, the product keeps its own step and buffer: the same bits either way.
            Node alsoRead = Ops.add(Ops.add(product, bv), Ops.mul(product, Ops.scalar(0)));
            Map<Node, double[]> feeds = Map.of(x, widen(a), w, widen(b), bv, widen(bias));
            for (int threads : new int[] {1, 2}) {
                try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads))) {
                    try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y), Map.of()))) {
                        assertEquals(1, s.stepCount(), "the ADD is the product's step");
                    }
                    String what = "transA=" + ta + " transB=" + tb + " threads=" + threads;
                    assertArrayEquals(want, Runs.evaluate(backend, List.of(y), feeds).get(0), what);
                    assertArrayEquals(want, Runs.evaluate(backend, List.of(alsoRead), feeds).get(0),
                            what + ", product read twice");
                }
            }
        }
    }

    @Test
    void tilesCoverTheOutputExactlyOnce() {
        for (int m : new int[] {1, 4, 63, 64, 65, 129, 1000, 1301}) {
            for (int n : new int[] {1, 15, 16, 256, 257, 784}) {
              for (int k : new int[] {1, 128, 784, 5000}) {
                Gemm.Tiling t = new Gemm.Tiling(m, n, k);
                int[] hits = new int[m * n];
                for (int i = 0; i < t.count(); i++) {
                    int i0 = (i / t.colTiles) * t.tileRows;
                    int j0 = (i % t.colTiles) * t.tileCols;
                    for (int r = i0; r < Math.min(m, i0 + t.tileRows); r++) {
                        for (int c = j0; c < Math.min(n, j0 + t.tileCols); c++) {
                            hits[r * n + c]++;
                        }
                    }
                }
                for (int h : hits) {
                    assertEquals(1, h, "m=" + m + " n=" + n + " k=" + k);
                }
                assertTrue(t.tileRows <= Gemm.MC && t.tileCols <= Gemm.NC);
                assertTrue(t.tileCols % Gemm.COLS_ALIGN == 0 || t.colTiles == 1, "tile width " + t.tileCols);
              }
            }
        }
    }
}
