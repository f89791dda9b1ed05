package org.ae4j.backend.ort;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;

/**
 * Lowers a training step to an ONNX graph that runs it {@code K} times in one call: an ONNX {@code Loop} with trip
 * count K whose body is the step, as {@link OnnxLowering#lowerForTraining} writes it.
 *
 * <ul>
 *   <li>Graph input {@value #STEPS} (int64 scalar) is the trip count: how many steps a run takes, 1 to K.</li>
 *   <li>Each program input is a graph input of shape {@code [K, ...]} under its own name: one slice per step, taken
 *       in the body with {@code Gather(input, iteration, axis=0)}; a run of k &lt; K steps reads the first k.</li>
 *   <li>Each updated parameter is a loop-carried value: its graph input is the value before the first step, and the
 *       graph output {@code name.new} the value after the last. Parameters without an update are read by the body
 *       from the enclosing graph.</li>
 *   <li>Each distinct program output is a scan output: graph output {@code output.i} of shape {@code [k, ...]}
 *       holds its value at every step of the run.</li>
 * </ul>
 *
 * <p>Input, parameter and output names are those of {@link OnnxLowering#lowerForTraining}; names the lowering makes
 * up for the loop start with {@code ae4j/loop/}, which no name inside the body does.
 */
public final class OnnxLoopLowering {
    private static final String LOOP = OnnxLowering.INTERNAL + "loop/";
    /** The graph input holding the number of steps of a run. */
    public static final String STEPS = LOOP + "steps";
    private static final String ITERATION = LOOP + "i";
    private static final String COND_IN = LOOP + "cond";
    private static final String COND_OUT = LOOP + "cond.out";
    private static final String STEP = LOOP + "step/";
    private static final String CARRY = LOOP + "carry/";
    private static final String CARRY_NEW = LOOP + "carry.new/";
    private static final String SCAN = LOOP + "scan/";

    private OnnxLoopLowering() {
    }

    /**
     * Lowers up to {@code steps} training steps of a program as one {@link OnnxTarget#TRAINING} graph.
     *
     * @return the model and its names, as for one step; the program's inputs have a leading axis of {@code steps}
     *     in the graph, its outputs one of the trip count
     * @throws IllegalArgumentException when steps &lt; 1 or a name is reserved or used twice
     */
    public static OnnxLowering.LoweredProgram lowerSteps(Program program, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: expected >= 1, got " + steps);
        }
        Set<String> names = new HashSet<>();
        for (Node leaf : program.inputs()) {
            claim(names, leaf.name(), "input");
        }
        for (Node leaf : program.parameters()) {
            claim(names, leaf.name(), "parameter");
        }
        // Distinct outputs, in order of first appearance, as in lowerForTraining.
        List<Node> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < program.outputs().size(); i++) {
            Node n = program.outputs().get(i);
            if (seen.add(n)) {
                outputs.add(n);
                outputNames.add(OnnxLowering.OUTPUT_PREFIX + i);
                claim(names, OnnxLowering.OUTPUT_PREFIX + i, "graph output");
            }
        }
        List<Node> updated = new ArrayList<>(program.updates().keySet());
        List<String> updateNames = new ArrayList<>();
        for (Node p : updated) {
            updateNames.add(p.name() + OnnxLowering.UPDATE_SUFFIX);
            claim(names, p.name() + OnnxLowering.UPDATE_SUFFIX, "graph output");
        }

        GraphProto body = body(program, outputs, updated);
        GraphProto.Builder g = GraphProto.newBuilder().setName("ae4j-training-steps");
        g.addInput(scalar(STEPS, TensorProto.DataType.INT64));
        for (Node in : program.inputs()) {
            g.addInput(OnnxLowering.valueInfo(in.name(), stacked(steps, in.shape())));
        }
        for (Node p : program.parameters()) {
            g.addInput(OnnxLowering.valueInfo(p.name(), p.shape()));
        }
        NodeProto.Builder loop = NodeProto.newBuilder().setName(LOOP + "loop").setOpType("Loop")
                .addInput(STEPS).addInput("") // no condition: exactly STEPS iterations
                .addAttribute(AttributeProto.newBuilder().setName("body").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(body));
        for (Node p : updated) {
            loop.addInput(p.name());
        }
        for (int i = 0; i < updated.size(); i++) {
            loop.addOutput(updateNames.get(i));
            g.addOutput(OnnxLowering.valueInfo(updateNames.get(i), updated.get(i).shape()));
        }
        for (int i = 0; i < outputs.size(); i++) {
            loop.addOutput(outputNames.get(i));
            g.addOutput(scanned(outputNames.get(i), outputs.get(i).shape()));
        }
        g.addNode(loop);
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(OnnxTarget.TRAINING.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxTarget.TRAINING.opset()))
                .setProducerName("ae4j")
                .setGraph(g)
                .build();
        return new OnnxLowering.LoweredProgram(model, List.copyOf(outputs), List.copyOf(outputNames),
                List.copyOf(updated), List.copyOf(updateNames));
    }

    /**
     * The loop body: inputs (iteration, condition, each updated parameter), outputs (condition, each updated
     * parameter's new value, each output), the step in between.
     */
    private static GraphProto body(Program program, List<Node> outputs, List<Node> updated) {
        OnnxLowering.GraphBuilder b = new OnnxLowering.GraphBuilder(OnnxTarget.TRAINING, null);
        GraphProto.Builder g = b.graph().setName(LOOP + "body");
        g.addInput(scalar(ITERATION, TensorProto.DataType.INT64));
        g.addInput(scalar(COND_IN, TensorProto.DataType.BOOL));
        Map<Node, String> leaves = new HashMap<>();
        for (Node p : program.parameters()) {
            leaves.put(p, p.name()); // read from the enclosing graph unless carried
        }
        for (Node p : updated) {
            leaves.put(p, CARRY + p.name());
            g.addInput(OnnxLowering.valueInfo(CARRY + p.name(), p.shape()));
        }
        int gathers = 0;
        for (Node in : program.inputs()) {
            leaves.put(in, STEP + in.name());
            g.addNode(NodeProto.newBuilder().setName(LOOP + "gather" + gathers++).setOpType("Gather")
                    .addInput(in.name()).addInput(ITERATION).addOutput(STEP + in.name())
                    .addAttribute(OnnxOpTable.intAttr("axis", 0)));
        }
        g.addNode(NodeProto.newBuilder().setName(LOOP + "cond").setOpType("Identity").addInput(COND_IN)
                .addOutput(COND_OUT));
        g.addOutput(scalar(COND_OUT, TensorProto.DataType.BOOL));
        List<OnnxLowering.GraphOutput> outs = new ArrayList<>();
        for (Node p : updated) {
            outs.add(new OnnxLowering.GraphOutput(CARRY_NEW + p.name(), program.updates().get(p)));
        }
        for (int i = 0; i < outputs.size(); i++) {
            outs.add(new OnnxLowering.GraphOutput(SCAN + i, outputs.get(i)));
        }
        b.buildSubgraph(leaves, outs);
        return g.build();
    }

    /** The shape with a leading axis of {@code steps}. */
    static Shape stacked(int steps, Shape shape) {
        int[] dims = new int[shape.rank() + 1];
        dims[0] = steps;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dim(i);
        }
        return Shape.of(dims);
    }

    /** A float32 value info of shape {@code [steps, ...shape]}, steps symbolic (the trip count). */
    private static ValueInfoProto scanned(String name, Shape shape) {
        TensorShapeProto.Builder sb = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("steps"));
        for (int i = 0; i < shape.rank(); i++) {
            sb.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape.dim(i)));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(sb))).build();
    }

    private static ValueInfoProto scalar(String name, TensorProto.DataType type) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(TensorShapeProto.newBuilder())))
                .build();
    }

    private static void claim(Set<String> names, String name, String what) {
        if (name.startsWith(OnnxLowering.INTERNAL)) {
            throw new IllegalArgumentException("onnx lowering: " + what + " '" + name + "' uses the reserved prefix '"
                    + OnnxLowering.INTERNAL + "'");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("onnx lowering: the name '" + name + "' of a " + what
                    + " is already used by another graph input or output");
        }
    }
}
