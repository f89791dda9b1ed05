package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every op, lowered and run on ONNX Runtime, computes what the reference executor computes. */
class OpProgramsTest {
    private static OrtBackend backend;

    @BeforeAll
    static void open() {
        backend = OrtTesting.backend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** A small program whose output applies the op; its leaves are fed from {@link #values}. */
    static Node programFor(Op op) {
        Node a = Ops.input("a", Shape.of(2, 3));
        Node b = Ops.input("b", Shape.of(3));
        return switch (op) {
            case INPUT -> a;
            case PARAMETER -> Ops.parameter("p", Shape.of(2, 3));
            case CONSTANT -> Ops.constant(Shape.of(2, 2), 1.5, -2, 0.1, 1e-3);
            case ADD -> Ops.add(a, b);
            case SUB -> Ops.sub(a, b);
            case MUL -> Ops.mul(a, b);
            case DIV -> Ops.div(a, b);
            case MAXIMUM -> Ops.maximum(a, b);
            case MINIMUM -> Ops.minimum(a, b);
            case GREATER -> Ops.greater(a, b);
            case NEG -> Ops.neg(a);
            case EXP -> Ops.exp(a);
            case LOG -> Ops.log(Ops.abs(a));
            case ABS -> Ops.abs(a);
            case SIGN -> Ops.sign(a);
            case SQRT -> Ops.sqrt(Ops.abs(a));
            case TANH -> Ops.tanh(a);
            case MATMUL -> Ops.matmul(a, Ops.input("m", Shape.of(4, 3)), false, true);
            case REDUCE_SUM -> Ops.reduceSum(Ops.input("r", Shape.of(2, 3, 4)), false, 0, 2);
            case TRANSPOSE -> Ops.transpose(Ops.input("r", Shape.of(2, 3, 4)), 2, 0, 1);
            case RESHAPE -> Ops.reshape(a, Shape.of(3, 2));
            case BROADCAST -> Ops.broadcast(b, Shape.of(4, 2, 3));
        };
    }

    /** Values for every leaf: nonzero, with ties between a and b to exercise MAXIMUM/MINIMUM/GREATER. */
    static Map<Node, float[]> values(Program program) {
        Rng rng = new Rng(7);
        Map<Node, float[]> v = new HashMap<>();
        List<Node> leaves = new java.util.ArrayList<>(program.inputs());
        leaves.addAll(program.parameters());
        for (Node n : leaves) {
            float[] x = new float[n.shape().size()];
            for (int i = 0; i < x.length; i++) {
                double u = rng.nextDouble() * 2 - 1;
                x[i] = (float) (u >= 0 ? u + 0.1 : u - 0.1);
            }
            v.put(n, x);
        }
        for (Node n : leaves) {
            if (n.name().equals("a")) {
                Node b = leaves.stream().filter(l -> l.name().equals("b")).findFirst().orElse(null);
                if (b != null) {
                    v.get(n)[1] = v.get(b)[1]; // a tie
                }
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void everyOpAgreesWithTheReferenceExecutor(Op op) {
        check(programFor(op), op.name());
    }

    @Test
    void matmulAgreesForEveryTransposeCombination() {
        Node a = Ops.input("a", Shape.of(3, 5));
        Node at = Ops.input("at", Shape.of(5, 3));
        Node b = Ops.input("b", Shape.of(5, 4));
        Node bt = Ops.input("bt", Shape.of(4, 5));
        check(Ops.matmul(a, b, false, false), "nn");
        check(Ops.matmul(at, b, true, false), "tn");
        check(Ops.matmul(a, bt, false, true), "nt");
        check(Ops.matmul(at, bt, true, true), "tt");
    }

    @Test
    void reduceSumAgreesWithKeptAxesAllAxesAndNoAxes() {
        Node r = Ops.input("r", Shape.of(2, 3, 4));
        check(Ops.reduceSum(r, true, 1), "keep");
        check(Ops.reduceSum(r, false, 0, 1, 2), "all");
        check(Ops.reduceSum(r, true), "none");
    }

    @Test
    void scalarsReshapeAndBroadcastAgree() {
        Node s = Ops.input("s", Shape.scalar());
        Node one = Ops.input("one", Shape.of(1, 1));
        check(Ops.broadcast(s, Shape.of(2, 2)), "broadcast scalar");
        check(Ops.reshape(one, Shape.scalar()), "reshape to scalar");
        check(Ops.add(Ops.mul(s, Ops.scalar(3)), Ops.scalar(0.5)), "scalar arithmetic");
        check(Ops.sumAll(Ops.input("m", Shape.of(3, 2))), "sum all");
    }

    private static void check(Node output, String what) {
        Program program = Program.of(List.of(output), Map.of());
        Map<Node, float[]> values = values(program);
        float[] ort = OrtTesting.runOnce(backend, program, values).get(0);
        double[] ref = OrtTesting.reference(program, values).get(0);
        OrtTesting.assertClose(ref, ort, 1e-6, what);
        assertTrue(ort.length > 0);
    }
}
