package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.TrainingProgram;
import org.junit.jupiter.api.Test;

class OnnxLoweringTest {
    @Test
    void everyOpHasOneTableEntryWithTheIrArity() {
        Map<Op, OnnxOpTable.Rule> table = OnnxOpTable.table();
        assertEquals(EnumSet.allOf(Op.class), table.keySet());
        for (Op op : Op.values()) {
            OnnxOpTable.Rule r = table.get(op);
            assertEquals(op.kind() == Op.Kind.LEAF, r.isLeaf(), op.name());
            assertEquals(op.arity(), r.arity(), op.name());
        }
    }

    @Test
    void everyOpIsLoweredToItsOnnxOperator() {
        for (Op op : Op.values()) {
            Node out = OpProgramsTest.programFor(op);
            ModelProto m = OnnxLowering.lowerForTraining(Program.of(List.of(out), Map.of())).model();
            Set<String> types = opTypes(m.getGraph());
            String expected = op.kind() == Op.Kind.LEAF ? "Identity" : OnnxOpTable.rule(op).onnxOp();
            assertTrue(types.contains(expected), op + " lowered to " + types + ", expected " + expected);
        }
    }

    @Test
    void loweringTheSameProgramTwiceGivesIdenticalBytes() {
        Program p = TrainingPrograms.denseAdam(6, 3, 8, true);
        byte[] first = OnnxLowering.lowerForTraining(p).model().toByteArray();
        byte[] second = OnnxLowering.lowerForTraining(p).model().toByteArray();
        assertArrayEquals(first, second);
    }

    @Test
    void loweringAnEqualProgramBuiltAgainGivesIdenticalBytes() {
        byte[] first = OnnxLowering.lowerForTraining(TrainingPrograms.denseAdam(6, 3, 8, true)).model().toByteArray();
        byte[] second = OnnxLowering.lowerForTraining(TrainingPrograms.denseAdam(6, 3, 8, true)).model().toByteArray();
        assertArrayEquals(first, second);
    }

    @Test
    void trainingGraphsUseOpset21AndIrVersion10() {
        ModelProto m = OnnxLowering.lowerForTraining(TrainingPrograms.denseAdam(4, 2, 3, false)).model();
        assertEquals(10, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(21, m.getOpsetImport(0).getVersion());
    }

    @Test
    void trainingGraphsTakeInputsThenParametersAndReturnOutputsThenUpdates() {
        Node x = Ops.input("x", Shape.of(2, 3));
        Node w = Ops.parameter("w", Shape.of(3, 2));
        Node fixed = Ops.parameter("fixed", Shape.of(2));
        Node y = Ops.add(Ops.matmul(x, w), fixed);
        Node loss = F.sumOfSquares(y);
        Program p = Program.of(List.of(loss, y, loss), Map.of(w, Ops.sub(w, Ops.scalar(0.1))));
        OnnxLowering.LoweredProgram l = OnnxLowering.lowerForTraining(p);
        GraphProto g = l.model().getGraph();
        assertEquals(List.of("x", "w", "fixed"), g.getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("output.0", "output.1", "w.new"),
                g.getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of(loss, y), l.outputs(), "repeated outputs appear once");
        assertEquals(List.of(w), l.updated());
        assertEquals(List.of("w.new"), l.updateNames());
        assertEquals(0, g.getOutput(0).getType().getTensorType().getShape().getDimCount(), "a scalar is 0-d");
    }

    @Test
    void everyInitializerIsUsedAndEqualConstantsAreShared() {
        Node x = Ops.input("x", Shape.of(4));
        Node unusedBranch = Ops.mul(x, Ops.scalar(7)); // built but not an output: must not be lowered
        assertNotNull(unusedBranch);
        Node y = Ops.add(Ops.mul(x, Ops.scalar(2)), Ops.mul(Ops.exp(x), Ops.scalar(2)));
        GraphProto g = OnnxLowering.lowerForTraining(Program.of(List.of(y), Map.of())).model().getGraph();
        Set<String> used = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            used.addAll(n.getInputList());
        }
        for (TensorProto t : g.getInitializerList()) {
            assertTrue(used.contains(t.getName()), "initializer " + t.getName() + " is unused");
        }
        assertEquals(1, g.getInitializerCount(), "the two constants 2 are one initializer");
        assertEquals(0, g.getInitializer(0).getDimsCount(), "a scalar constant is a 0-d tensor");
        assertEquals(TensorProto.DataType.FLOAT_VALUE, g.getInitializer(0).getDataType());
    }

    @Test
    void exportedModelsUseOpset17AndHoldParametersAsInitializers() {
        Node x = Ops.input("x", Shape.of(2, 3));
        Node w = Ops.parameter("w", Shape.of(3, 2));
        Node unused = Ops.parameter("unused", Shape.of(5));
        Node y = Ops.tanh(Ops.matmul(x, w));
        Program p = Program.of(List.of(y, y), Map.of(unused, unused));
        ModelProto m = OnnxLowering.lowerForExport(p, List.of("code", "again"),
                n -> n == w ? new float[] {1, 2, 3, 4, 5, 6} : null, "model");
        assertEquals(17, m.getOpsetImport(0).getVersion());
        assertEquals(8, m.getIrVersion());
        GraphProto g = m.getGraph();
        assertEquals(List.of("x"), g.getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("code", "again"), g.getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("w"), g.getInitializerList().stream().map(TensorProto::getName).toList(),
                "only parameters the outputs need are written");
        assertEquals(List.of(3L, 2L), g.getInitializer(0).getDimsList());
    }

    @Test
    void exportNamesAParameterWithoutAValue() {
        Node w = Ops.parameter("w", Shape.of(2));
        Program p = Program.of(List.of(Ops.exp(w)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxLowering.lowerForExport(p, List.of("y"), n -> null, "model"));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void aLeafNamedLikeAnUpdateOutputIsRejectedByName() {
        Node w = Ops.parameter("w", Shape.of(2));
        Node clash = Ops.input("w.new", Shape.of(2));
        Program p = Program.of(List.of(Ops.add(w, clash)), Map.of(w, Ops.exp(w)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxLowering.lowerForTraining(p));
        assertTrue(e.getMessage().contains("'w.new'"), e.getMessage());
    }

    @Test
    void greaterIsCastToFloat() {
        Node a = Ops.input("a", Shape.of(3));
        GraphProto g = OnnxLowering.lowerForTraining(Program.of(List.of(Ops.greater(a, Ops.scalar(0))), Map.of()))
                .model().getGraph();
        List<String> types = g.getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Greater", "Cast"), types);
        assertEquals(TensorProto.DataType.FLOAT_VALUE, g.getNode(1).getAttribute(0).getI());
    }

    @Test
    void internalNamesCarryTheReservedPrefix() {
        GraphProto g = OnnxLowering.lowerForTraining(TrainingPrograms.denseAdam(4, 2, 3, true)).model().getGraph();
        for (NodeProto n : g.getNodeList()) {
            assertTrue(n.getName().startsWith(OnnxLowering.INTERNAL), n.getName());
        }
        for (TensorProto t : g.getInitializerList()) {
            assertTrue(t.getName().startsWith(OnnxLowering.INTERNAL), t.getName());
        }
        assertFalse(g.getInputList().isEmpty());
    }

    /** A dense model's training program, via core's ModelGraph, for lowering tests. */
    static final class TrainingPrograms {
        private TrainingPrograms() {
        }

        static Program denseAdam(int d, int code, int batch, boolean bce) {
            TrainingProgram tp = ModelGraph.training(Models.dense(List.of(code), bce, List.of(), null), d, batch, 0, 1)
                    .trainingProgram(Models.ADAM);
            return tp.program();
        }
    }

    private static Set<String> opTypes(GraphProto g) {
        Set<String> s = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            s.add(n.getOpType());
        }
        return s;
    }
}
