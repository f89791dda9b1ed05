package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.ir.Shape;
import org.ae4j.testkit.Compare;
import org.ae4j.testkit.Runs;
import org.ae4j.testkit.Tolerance;
import org.ae4j.testkit.Values;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row and column sums large enough to be split across the pool: right values, and the same bits at 1 and 2 threads. */
class ReduceSumTest {
    @ParameterizedTest(name = "[{0}, {1}] over axis {2}")
    @CsvSource({"128,784,0", "128,784,1", "300,130,0", "300,130,1", "7,5000,0", "5000,7,1", "3,5,0"})
    void largeRowAndColumnSumsMatchTheReferenceAndDoNotDependOnThreads(int rows, int cols, int axis) {
        Node x = Ops.input("x", Shape.of(rows, cols));
        Node y = Ops.reduceSum(x, false, axis);
        double[] xv = new Values(rows + cols).uniform(x.shape(), -1, 1);
        float[][] got = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads))) {
                got[threads - 1] = Runs.evaluate(backend, List.of(y), Map.of(x, xv)).get(0);
            }
        }
        Compare.assertClose("sum over axis " + axis, ReferenceExecutor.evaluate(y, Map.of(x, xv)), got[1],
                Tolerance.ELEMENTWISE);
        Compare.assertBitwiseEqual("1 vs 2 threads", got[0], got[1]);
        assertEquals(axis == 0 ? cols : rows, got[1].length);
    }
}
