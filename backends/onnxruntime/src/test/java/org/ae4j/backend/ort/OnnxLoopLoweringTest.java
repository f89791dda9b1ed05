package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Session;
import org.ae4j.testkit.Runs;
import org.ae4j.testkit.Values;
import org.junit.jupiter.api.Test;

/** The Loop graph of K steps: its structure, and K steps of a program with every kind of leaf and output. */
class OnnxLoopLoweringTest {
    private static final int K = 3;

    /**
     * x [4,3] (input), W [3,2] (updated), scale [] (not updated): loss = scale·Σ(x·W)², W' = W − 0.1·∂loss/∂W. Outputs:
     * loss, the product x·W (not a scalar), loss again, and scale (a leaf).
     */
    private static final class Step {
        final Node x = Ops.input("x", Shape.of(4, 3));
        final Node w = Ops.parameter("W", Shape.of(3, 2));
        final Node scale = Ops.parameter("scale", Shape.scalar());
        final Node y = Ops.matmul(x, w);
        final Node loss = Ops.mul(Ops.sumAll(Ops.mul(y, y)), scale);
        final Program program = Program.of(List.of(loss, y, loss, scale),
                Map.of(w, Ops.sub(w, Ops.mul(Autodiff.gradient(loss, w), Ops.scalar(0.1)))));
    }

    @Test
    void inputsAndOutputsAreStackedAndOnlyUpdatedParametersAreCarried() {
        Step s = new Step();
        GraphProto g = OnnxLoopLowering.lowerSteps(s.program, K).model().getGraph();
        assertEquals(List.of(OnnxLoopLowering.STEPS, "x", "W", "scale"),
                g.getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of(), dims(g.getInput(0)), "the trip count, a scalar");
        assertEquals(List.of((long) K, 4L, 3L), dims(g.getInput(1)));
        assertEquals(List.of(3L, 2L), dims(g.getInput(2)));
        assertEquals(List.of("W.new", "output.0", "output.1", "output.3"),
                g.getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of(0L), dims(g.getOutput(1)), "a scalar's value at each step (dimension 'steps')");
        assertEquals("steps", g.getOutput(1).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(List.of(0L, 4L, 2L), dims(g.getOutput(2)));
        assertEquals(1, g.getNodeCount());
        NodeProto loop = g.getNode(0);
        assertEquals("Loop", loop.getOpType());
        assertEquals(List.of(OnnxLoopLowering.STEPS, "", "W"), loop.getInputList());
        GraphProto body = loop.getAttribute(0).getG();
        assertEquals(3, body.getInputCount(), "iteration, condition, W");
        assertEquals(5, body.getOutputCount(), "condition, W', three scan outputs");
        assertTrue(body.getNodeList().stream().anyMatch(n -> n.getOpType().equals("Gather")
                && n.getInput(0).equals("x")), "x is sliced per step");
    }

    @Test
    void loweringTwiceGivesIdenticalBytes() {
        Step s = new Step();
        assertArrayEquals(OnnxLoopLowering.lowerSteps(s.program, K).model().toByteArray(),
                OnnxLoopLowering.lowerSteps(s.program, K).model().toByteArray());
    }

    @Test
    void aReservedNameIsRejected() {
        Node x = Ops.input("ae4j/x", Shape.of(2));
        Program p = Program.of(List.of(Ops.neg(x)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxLoopLowering.lowerSteps(p, 2));
        assertTrue(e.getMessage().contains("reserved prefix"), e.getMessage());
    }

    @Test
    void kStepsInOneRunEqualKSingleStepsForEveryKindOfLeafAndOutput() {
        Step s = new Step();
        Values v = new Values(4);
        float[][] xs = new float[K][];
        for (int k = 0; k < K; k++) {
            xs[k] = Runs.toFloat(v.uniform(s.x.shape(), -1, 1));
        }
        float[] w0 = Runs.toFloat(v.uniform(s.w.shape(), -1, 1));
        float[] scale = {0.25f};
        try (OrtBackend b = OrtTesting.backend(); Session one = b.open(s.program);
             OrtMultiStepSession many = b.openSteps(s.program, K)) {
            one.setParameter(s.w, w0);
            one.setParameter(s.scale, scale);
            many.setParameter(s.w, w0);
            many.setParameter(s.scale, scale);
            for (int k = 0; k < K; k++) {
                many.setInput(s.x, k, xs[k], 0);
            }
            many.run();
            for (int k = 0; k < K; k++) {
                one.setInput(s.x, xs[k], 0);
                one.run();
                assertEquals(one.scalarOutput(s.loss), many.scalarOutput(s.loss, k), "loss of step " + k);
                assertEquals(0.25f, many.scalarOutput(s.scale, k), "a parameter as output");
                float[] want = new float[8];
                float[] got = new float[8];
                one.getOutput(s.y, want);
                many.getOutput(s.y, k, got);
                assertArrayEquals(want, got, "x·W of step " + k);
            }
            float[] want = new float[6];
            float[] got = new float[6];
            one.getParameter(s.w, want);
            many.getParameter(s.w, got);
            assertArrayEquals(want, got, "W after " + K + " steps");
            float[] sc = new float[1];
            many.getParameter(s.scale, sc);
            assertArrayEquals(scale, sc, "scale has no update");
        }
    }

    private static List<Long> dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream().map(d -> d.getDimValue()).toList();
    }
}
