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
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ae4j.core.ir.Graphs;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;

/**
 * Lowers a core {@link Program} to an ONNX {@link ModelProto}, one ONNX node per IR node (two for GREATER, MAXIMUM
 * and MINIMUM), as {@link OnnxOpTable} says. All tensors are float32; CONSTANT nodes become initializers (equal constants share one),
 * INPUT nodes graph inputs, PARAMETER nodes graph inputs ({@link OnnxTarget#TRAINING}) or initializers
 * ({@link OnnxTarget#EXPORT}). Only what the outputs need is written, so no initializer is unused. Names depend only
 * on the program's structure, so lowering the same program twice gives byte-identical models.
 */
public final class OnnxLowering {
    /** Appended to a parameter's name to name the graph output holding its new value, e.g. {@code encoder.w.new}. */
    public static final String UPDATE_SUFFIX = ".new";
    /** Prefix of the graph output of the program's i-th output in training graphs: {@code output.0}, ... */
    public static final String OUTPUT_PREFIX = "output.";
    /** Prefix of every name the lowering makes up itself (intermediate tensors, constants, nodes). */
    static final String INTERNAL = "ae4j/";

    private OnnxLowering() {
    }

    /** One graph output: its name and the node whose value it is. */
    public record GraphOutput(String name, Node node) {
    }

    /**
     * A training step lowered for ONNX Runtime and the names its graph uses.
     *
     * @param model the ONNX model: graph inputs are the program's inputs then all its parameters, by name
     * @param outputs the program's distinct output nodes, in order of first appearance
     * @param outputNames the graph output of each of {@code outputs}
     * @param updated the updated parameters, in the program's order
     * @param updateNames the graph output holding the new value of each of {@code updated}
     */
    public record LoweredProgram(ModelProto model, List<Node> outputs, List<String> outputNames, List<Node> updated,
                                 List<String> updateNames) {
    }

    /** Lowers a training step ({@link OnnxTarget#TRAINING}): parameters in, outputs and new parameter values out. */
    public static LoweredProgram lowerForTraining(Program program) {
        List<Node> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        List<GraphOutput> graphOutputs = new ArrayList<>();
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < program.outputs().size(); i++) {
            Node n = program.outputs().get(i);
            if (seen.add(n)) {
                outputs.add(n);
                outputNames.add(OUTPUT_PREFIX + i);
                graphOutputs.add(new GraphOutput(OUTPUT_PREFIX + i, n));
            }
        }
        List<Node> updated = new ArrayList<>();
        List<String> updateNames = new ArrayList<>();
        for (Map.Entry<Node, Node> e : program.updates().entrySet()) {
            updated.add(e.getKey());
            updateNames.add(e.getKey().name() + UPDATE_SUFFIX);
            graphOutputs.add(new GraphOutput(e.getKey().name() + UPDATE_SUFFIX, e.getValue()));
        }
        ModelProto model = lower(OnnxTarget.TRAINING, program, graphOutputs, null, "ae4j-training-step");
        return new LoweredProgram(model, List.copyOf(outputs), List.copyOf(outputNames), List.copyOf(updated),
                List.copyOf(updateNames));
    }

    /**
     * Lowers a program as a standalone model ({@link OnnxTarget#EXPORT}): its outputs under the given names,
     * parameters as initializers holding {@code parameterValues}. Updates are not part of an exported model.
     */
    public static ModelProto lowerForExport(Program program, List<String> outputNames,
                                            Function<Node, float[]> parameterValues, String graphName) {
        if (outputNames.size() != program.outputs().size()) {
            throw new IllegalArgumentException("export: expected " + program.outputs().size()
                    + " output names (one per program output), got " + outputNames.size());
        }
        List<GraphOutput> outs = new ArrayList<>();
        for (int i = 0; i < outputNames.size(); i++) {
            outs.add(new GraphOutput(outputNames.get(i), program.outputs().get(i)));
        }
        return lower(OnnxTarget.EXPORT, program, outs, parameterValues, graphName);
    }

    /**
     * Lowers the graph outputs of a program for a target.
     *
     * @param parameterValues values of parameters, for {@link OnnxTarget#EXPORT}; ignored for training
     */
    public static ModelProto lower(OnnxTarget target, Program program, List<GraphOutput> outputs,
                                   Function<Node, float[]> parameterValues, String graphName) {
        if (target == OnnxTarget.EXPORT && parameterValues == null) {
            throw new IllegalArgumentException("export: parameter values are required");
        }
        GraphBuilder b = new GraphBuilder(target, parameterValues);
        b.build(program, outputs);
        GraphProto graph = b.graph.setName(graphName).build();
        return ModelProto.newBuilder()
                .setIrVersion(target.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(target.opset()))
                .setProducerName("ae4j")
                .setGraph(graph)
                .build();
    }

    /** Identifies an initializer by content, so equal constants share one. */
    private record ConstantKey(int dataType, String shape, ByteBuffer raw) {
    }

    /** Builds one graph; not reusable. */
    static final class GraphBuilder {
        private final OnnxTarget target;
        private final Function<Node, float[]> parameterValues;
        private final GraphProto.Builder graph = GraphProto.newBuilder();
        private final Map<Node, String> tensor = new HashMap<>();
        private final Map<Node, String> preferred = new HashMap<>();
        private final Map<ConstantKey, String> constantByContent = new HashMap<>();
        private final Set<String> names = new HashSet<>();
        private int constants;
        private int nodes;

        GraphBuilder(OnnxTarget target, Function<Node, float[]> parameterValues) {
            this.target = target;
            this.parameterValues = parameterValues;
        }

        void build(Program program, List<GraphOutput> outputs) {
            for (GraphOutput o : outputs) {
                claim(o.name(), "graph output");
            }
            for (Node in : program.inputs()) {
                graphInput(in);
            }
            if (target == OnnxTarget.TRAINING) {
                for (Node p : program.parameters()) {
                    graphInput(p);
                }
            }
            emitOutputs(outputs);
        }

        /**
         * Lowers the outputs as a subgraph (a Loop body) whose leaves are already named: body inputs, or values of
         * the enclosing graph. The caller chooses every name it passes and adds the body's own inputs.
         */
        void buildSubgraph(Map<Node, String> leaves, List<GraphOutput> outputs) {
            tensor.putAll(leaves);
            emitOutputs(outputs);
        }

        /** The graph being built, for a caller that adds nodes, inputs or outputs of its own. */
        GraphProto.Builder graph() {
            return graph;
        }

        private void emitOutputs(List<GraphOutput> outputs) {
            List<Node> roots = new ArrayList<>();
            for (GraphOutput o : outputs) {
                roots.add(o.node());
                // A computed node takes the name of its first graph output; leaves and repeats go through Identity.
                if (o.node().op().kind() != Op.Kind.LEAF && !preferred.containsKey(o.node())) {
                    preferred.put(o.node(), o.name());
                }
            }
            for (Node n : Graphs.topologicalOrder(roots)) {
                if (!tensor.containsKey(n)) {
                    tensor.put(n, emit(n));
                }
            }
            for (GraphOutput o : outputs) {
                String src = tensor.get(o.node());
                if (!src.equals(o.name())) {
                    node("Identity", List.of(src), o.name(), List.of());
                }
                graph.addOutput(valueInfo(o.name(), o.node().shape()));
            }
        }

        private void graphInput(Node leaf) {
            claim(leaf.name(), leaf.op().name().toLowerCase(java.util.Locale.ROOT));
            tensor.put(leaf, leaf.name());
            graph.addInput(valueInfo(leaf.name(), leaf.shape()));
        }

        /** Lowers one node whose operands are lowered; returns the name of the tensor holding its value. */
        private String emit(Node n) {
            return switch (n.op()) {
                case CONSTANT -> floatConstant(n);
                case PARAMETER -> parameterInitializer(n);
                case INPUT -> throw new IllegalArgumentException("INPUT '" + n.name()
                        + "' is reached from the outputs but is not an input of the program");
                case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER, NEG, EXP, LOG, ABS, SIGN, SQRT, TANH, MATMUL,
                        REDUCE_SUM, TRANSPOSE, RESHAPE, BROADCAST -> emitOp(n);
            };
        }

        /** A parameter of an exported model: an initializer holding its value. */
        private String parameterInitializer(Node n) {
            if (target == OnnxTarget.TRAINING) {
                throw new IllegalArgumentException("PARAMETER '" + n.name()
                        + "' is reached from the outputs but is not a parameter of the program");
            }
            float[] v = parameterValues.apply(n);
            if (v == null || v.length != n.shape().size()) {
                throw new IllegalArgumentException("export: parameter '" + n.name() + "' " + n.shape()
                        + ": expected " + n.shape().size() + " values, got "
                        + (v == null ? "none" : String.valueOf(v.length)));
            }
            claim(n.name(), "parameter");
            graph.addInitializer(floatTensor(n.name(), n.shape(), v));
            return n.name();
        }

        private String emitOp(Node n) {
            OnnxOpTable.Rule rule = OnnxOpTable.rule(n.op());
            List<String> ins = new ArrayList<>(rule.arity() + 1);
            for (Node in : n.inputs()) {
                ins.add(tensor.get(in));
            }
            if (rule.int64Operand() != null) {
                ins.add(int64Constant(rule.int64Operand().apply(n)));
            }
            String out = preferred.getOrDefault(n, INTERNAL + "t" + nodes);
            List<AttributeProto> attrs = rule.attributes().apply(n);
            String bool = INTERNAL + "t" + nodes + ".bool";
            switch (rule.then()) {
                case NOTHING -> node(rule.onnxOp(), ins, out, attrs);
                case CAST_TO_FLOAT -> {
                    node(rule.onnxOp(), ins, bool, attrs);
                    node("Cast", List.of(bool), out, List.of(OnnxOpTable.intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
                }
                case SELECT_OPERAND -> {
                    node(rule.onnxOp(), ins, bool, attrs);
                    node("Where", List.of(bool, ins.get(0), ins.get(1)), out, List.of());
                }
            }
            return out;
        }

        private void node(String op, List<String> inputs, String output, List<AttributeProto> attrs) {
            graph.addNode(NodeProto.newBuilder()
                    .setName(INTERNAL + "n" + nodes++ + "_" + op)
                    .setOpType(op)
                    .addAllInput(inputs)
                    .addOutput(output)
                    .addAllAttribute(attrs));
        }

        /** A float32 initializer for a CONSTANT, shared by constants with the same shape and float32 values. */
        private String floatConstant(Node c) {
            float[] v = new float[c.shape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) c.valueAt(i);
            }
            byte[] raw = floatBytes(v);
            ConstantKey key = new ConstantKey(TensorProto.DataType.FLOAT_VALUE, c.shape().toString(), ByteBuffer.wrap(raw));
            String existing = constantByContent.get(key);
            if (existing != null) {
                return existing;
            }
            String name = INTERNAL + "c" + constants++;
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addAllDims(dims(c.shape())).setRawData(ByteString.copyFrom(raw)));
            constantByContent.put(key, name);
            return name;
        }

        /** A 1-D int64 initializer (axes, shapes), shared by equal ones. */
        private String int64Constant(long[] values) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                buf.putLong(v);
            }
            ConstantKey key = new ConstantKey(TensorProto.DataType.INT64_VALUE, "[" + values.length + "]",
                    ByteBuffer.wrap(buf.array()));
            String existing = constantByContent.get(key);
            if (existing != null) {
                return existing;
            }
            String name = INTERNAL + "c" + constants++;
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(values.length).setRawData(ByteString.copyFrom(buf.array())));
            constantByContent.put(key, name);
            return name;
        }

        private void claim(String name, String what) {
            if (name.startsWith(INTERNAL)) {
                throw new IllegalArgumentException("onnx lowering: " + what + " '" + name + "' uses the reserved prefix '"
                        + INTERNAL + "'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("onnx lowering: the name '" + name + "' of a " + what
                        + " is already used by another graph input or output");
            }
        }
    }

    /** A float32 initializer with the given values (row-major). */
    static TensorProto floatTensor(String name, Shape shape, float[] values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(dims(shape)).setRawData(ByteString.copyFrom(floatBytes(values))).build();
    }

    private static byte[] floatBytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putFloat(f);
        }
        return buf.array();
    }

    private static List<Long> dims(Shape s) {
        List<Long> out = new ArrayList<>(s.rank());
        for (int i = 0; i < s.rank(); i++) {
            out.add((long) s.dim(i));
        }
        return out;
    }

    /** A float32 tensor value info with a fixed shape. */
    static ValueInfoProto valueInfo(String name, Shape shape) {
        TensorShapeProto.Builder sb = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            sb.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape.dim(i)));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(sb)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
