package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuSessionTest {
    private final CpuBackend backend = new CpuBackend(new CpuBackendConfig(2));

    @AfterEach
    void close() {
        backend.close();
    }

    private static Program counter(Node c) {
        return Program.of(List.of(Ops.sumAll(c)), Map.of(c, Ops.add(c, Ops.scalar(1))));
    }

    @Test
    void revertNeedsAsManyRunsSinceOpeningOrTheLastRevert() {
        Node c = Ops.parameter("c", Shape.of(2));
        try (CpuSession s = (CpuSession) backend.open(counter(c))) {
            assertThrows(IllegalStateException.class, () -> s.revert(1));
            s.run();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.revert(2));
            assertTrue(e.getMessage().contains("only 1 run"), e.getMessage());
            s.run();
            s.run();
            s.revert(2);
            assertThrows(IllegalStateException.class, () -> s.revert(1));
            float[] v = new float[2];
            s.getParameter(c, v);
            assertArrayEquals(new float[] {1, 1}, v);
        }
    }

    @Test
    void aLongChainOfElementwiseOpsNeedsOnlyTwoBuffers() {
        Node x = Ops.input("x", Shape.of(100));
        Node y = x;
        for (int i = 0; i < 50; i++) {
            y = i % 2 == 0 ? Ops.tanh(y) : Ops.mul(y, Ops.scalar(1.5));
        }
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(Ops.sumAll(y)), Map.of()))) {
            assertTrue(s.plannedFloats() <= 2 * 100 + 1, "planned " + s.plannedFloats() + " floats");
        }
    }

    @Test
    void outputsBeforeTheFirstRunAreAnError() {
        Node x = Ops.input("x", Shape.of(2));
        Node y = Ops.neg(x);
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y), Map.of()))) {
            assertThrows(IllegalStateException.class, () -> s.getOutput(y, new float[2]));
        }
    }

    @Test
    void scalarOutputOfATensorNamesItsShape() {
        Node x = Ops.input("x", Shape.of(2));
        Node y = Ops.neg(x);
        try (CpuSession s = (CpuSession) backend.open(Program.of(List.of(y), Map.of()))) {
            s.run();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.scalarOutput(y));
            assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        }
    }

    @Test
    void aClosedSessionRefusesWork() {
        Node x = Ops.input("x", Shape.of(2));
        CpuSession s = (CpuSession) backend.open(Program.of(List.of(Ops.neg(x)), Map.of()));
        s.close();
        assertThrows(IllegalStateException.class, s::run);
        assertThrows(IllegalStateException.class, () -> s.setInput(x, new float[2], 0));
    }

    @Test
    void anUpdateMayReadAnotherParameterOrTheSameValueTwice() {
        Node a = Ops.parameter("a", Shape.of(2));
        Node b = Ops.parameter("b", Shape.of(2));
        Node sum = Ops.add(a, b);
        // Swap a and b, and set both to the same computed value on alternate programs.
        Program swap = Program.of(List.of(sum), Map.of(a, b, b, a));
        try (CpuSession s = (CpuSession) backend.open(swap)) {
            s.setParameter(a, new float[] {1, 2});
            s.setParameter(b, new float[] {3, 4});
            s.run();
            float[] v = new float[2];
            s.getParameter(a, v);
            assertArrayEquals(new float[] {3, 4}, v);
            s.getParameter(b, v);
            assertArrayEquals(new float[] {1, 2}, v);
            s.getOutput(sum, v);
            assertArrayEquals(new float[] {4, 6}, v);
        }
        Program same = Program.of(List.of(sum), Map.of(a, sum, b, sum));
        try (CpuSession s = (CpuSession) backend.open(same)) {
            s.setParameter(a, new float[] {1, 2});
            s.setParameter(b, new float[] {3, 4});
            s.run();
            s.run();
            float[] v = new float[2];
            s.getParameter(a, v);
            assertArrayEquals(new float[] {8, 12}, v);
            s.getParameter(b, v);
            assertArrayEquals(new float[] {8, 12}, v);
            s.getOutput(sum, v);
            assertArrayEquals(new float[] {8, 12}, v, "the output of the last run");
        }
    }

    @Test
    void runsWithParallelProductsAndFusedLoopsAllocateNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported()
                && mx.isThreadAllocatedMemoryEnabled());
        Node x = Ops.input("x", Shape.of(128, 300));
        Node w = Ops.parameter("w", Shape.of(300, 200));
        Node h = Ops.tanh(Ops.matmul(x, w));
        Node loss = Ops.sumAll(Ops.mul(h, h));
        Node g = org.ae4j.core.ir.Autodiff.gradient(loss, w);
        Program p = Program.of(List.of(loss), Map.of(w, Ops.sub(w, Ops.mul(g, Ops.scalar(1e-4)))));
        try (CpuSession s = (CpuSession) backend.open(p)) {
            float[] xv = new float[128 * 300];
            java.util.Arrays.fill(xv, 0.01f);
            s.setInput(x, xv, 0);
            // Vector API code allocates until the JIT has compiled it, which takes longer while other tests keep the
            // compiler busy: warm up in rounds until 300 runs allocate nothing, giving up after 40,000 runs.
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 20 && allocated >= 2048; round++) {
                for (int i = 0; i < 2000; i++) {
                    s.run();
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 300; i++) {
                    s.run();
                }
                allocated = mx.getCurrentThreadAllocatedBytes() - before;
            }
            assertTrue(allocated < 2048, "300 runs allocated " + allocated + " bytes after warming up");
        }
    }

    @Test
    void openingAProgramOnAClosedBackendFails() {
        CpuBackend closed = new CpuBackend(new CpuBackendConfig(1));
        closed.close();
        Node x = Ops.input("x", Shape.of(2));
        assertThrows(IllegalStateException.class, () -> closed.open(Program.of(List.of(Ops.neg(x)), Map.of())));
    }
}
