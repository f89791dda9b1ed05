package org.ae4j.backend.ort;

import static org.ae4j.backend.ort.OnnxModelFormat.*;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Regularizer;

/**
 * Writes a trained {@link Autoencoder}, or its encoder or decoder alone, as a standalone ONNX model in the format
 * {@link OnnxModelFormat} describes: core's inference graph ({@link ModelGraph#inference}, built for one row) with
 * the normalization in front, lowered by {@link OnnxLowering} at the export opset ({@link OnnxTarget#EXPORT}),
 * parameters as initializers (only those the part uses), the row dimension made symbolic after
 * {@link BatchAxis} has shown that no op depends on it. The inference program's {@code loss} output is not
 * exported. The same model and provenance always give the same bytes.
 */
public final class OnnxModelExporter {
    private OnnxModelExporter() {
    }

    /** The serialized model; see {@link #export}. */
    public static byte[] toBytes(Autoencoder model, ModelPart part, Map<String, String> provenance) {
        return export(model, part, provenance).toByteArray();
    }

    /**
     * The ONNX model of one part of an autoencoder.
     *
     * @param model the trained model
     * @param part full model, encoder or decoder
     * @param provenance free-form facts about the model (versions, dataset, seed, final metrics, resolved config),
     *     stored under {@value OnnxModelFormat#PROVENANCE_PREFIX}{@code key}
     * @throws IllegalArgumentException when the model cannot be written in this format (the message says why)
     */
    public static ModelProto export(Autoencoder model, ModelPart part, Map<String, String> provenance) {
        int d = model.inputDim();
        int k = model.codeDim();
        ModelGraph g = ModelGraph.inference(model.spec(), d, 1);
        Map<String, float[]> values = new HashMap<>(model.parameters());
        Map<Node, Node> replace = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (part == ModelPart.DECODER) {
            replace.put(g.encoder().code(), Ops.input(CODE, Shape.of(1, k)));
            roots.add(g.decoder().reconstruction());
            names.add(RECONSTRUCTION);
        } else {
            replace.put(g.input(), normalizedInput(model, values));
            roots.add(g.encoder().code());
            names.add(CODE);
            if (part == ModelPart.FULL) {
                roots.add(g.decoder().reconstruction());
                roots.add(g.score());
                names.add(RECONSTRUCTION);
                names.add(SCORE);
            }
        }
        Program program = Program.of(GraphSubstitution.apply(roots, replace), Map.of());
        String expectedInput = part == ModelPart.DECODER ? CODE : INPUT;
        if (program.inputs().size() != 1 || !program.inputs().get(0).name().equals(expectedInput)) {
            throw new IllegalArgumentException("export " + part.optionName() + ": the graph must read only '"
                    + expectedInput + "', but it reads " + program.inputs().stream().map(Node::name).toList()
                    + (part == ModelPart.DECODER ? " (this decoder uses more of the encoder than its code)" : ""));
        }
        BatchAxis.requireRowwise(program);
        ModelProto lowered = OnnxLowering.lowerForExport(program, names, n -> values.get(n.name()),
                "ae4j-" + (part == ModelPart.FULL ? "autoencoder" : part.optionName()));
        ModelProto.Builder mb = lowered.toBuilder();
        GraphProto.Builder gb = mb.getGraphBuilder();
        for (ValueInfoProto.Builder v : gb.getInputBuilderList()) {
            symbolicBatch(v);
        }
        for (ValueInfoProto.Builder v : gb.getOutputBuilderList()) {
            symbolicBatch(v);
        }
        gb.setDocString(docString(model, part));
        mb.setProducerName(PRODUCER).setProducerVersion(ae4jVersion()).setDocString(docString(model, part));
        mb.clearMetadataProps();
        metadata(model, part, provenance).forEach((key, value) ->
                mb.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return mb.build();
    }

    /** The graph input, normalized by Sub and Mul over two named initializers unless the normalization is none. */
    private static Node normalizedInput(Autoencoder model, Map<String, float[]> values) {
        int d = model.inputDim();
        Node input = Ops.input(INPUT, Shape.of(1, d));
        Normalization n = model.normalization();
        if (n.isIdentity()) {
            return input;
        }
        for (String name : List.of(SHIFT, SCALE)) {
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("export: the model has a parameter named '" + name
                        + "', which the format reserves for the input normalization");
            }
        }
        values.put(SHIFT, n.shift());
        values.put(SCALE, n.scale());
        return Ops.mul(Ops.sub(input, Ops.parameter(SHIFT, Shape.of(d))), Ops.parameter(SCALE, Shape.of(d)));
    }

    private static void symbolicBatch(ValueInfoProto.Builder v) {
        TensorShapeProto.Builder shape = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        shape.getDimBuilder(0).clearDimValue().setDimParam(BATCH);
    }

    /** Every metadata entry, sorted by key. */
    static TreeMap<String, String> metadata(Autoencoder model, ModelPart part, Map<String, String> provenance) {
        AutoencoderSpec spec = model.spec();
        TreeMap<String, String> m = new TreeMap<>();
        m.put(KEY_FORMAT, Integer.toString(VERSION));
        m.put(KEY_PART, part.optionName());
        m.put(KEY_VERSION, ae4jVersion());
        m.put(KEY_ENCODER, spec.encoder().spec());
        m.put(KEY_DECODER, spec.decoder().spec());
        m.put(KEY_LOSS, spec.loss().optionName());
        List<String> regs = new ArrayList<>();
        for (Component<Regularizer> r : spec.regularizers()) {
            String s = r.spec();
            if (s.contains(REGULARIZER_SEPARATOR)) {
                throw new IllegalArgumentException("export: regularizer spec '" + s + "' contains '"
                        + REGULARIZER_SEPARATOR + "', which separates the specs in " + KEY_REGULARIZERS);
            }
            regs.add(s);
        }
        m.put(KEY_REGULARIZERS, String.join(REGULARIZER_SEPARATOR, regs));
        m.put(KEY_CORRUPTION, spec.corruption() == null ? "" : spec.corruption().spec());
        m.put(KEY_OPTIMIZER, spec.optimizer().spec());
        m.put(KEY_INPUT_DIM, Integer.toString(model.inputDim()));
        m.put(KEY_CODE_DIM, Integer.toString(model.codeDim()));
        m.put(KEY_NORMALIZATION, model.normalization().kind().optionName());
        if (part != ModelPart.ENCODER) {
            m.put(KEY_RECONSTRUCTION_UNITS, "normalized");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(provenance).entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank() || e.getValue() == null) {
                throw new IllegalArgumentException("export: provenance entries need a non-blank key and a value, got '"
                        + key + "' = " + e.getValue());
            }
            m.put(PROVENANCE_PREFIX + key, e.getValue());
        }
        return m;
    }

    private static String docString(Autoencoder model, ModelPart part) {
        String norm = model.normalization().isIdentity() ? "no input normalization"
                : model.normalization().kind().optionName() + " input normalization x' = (x - " + SHIFT + ") * "
                        + SCALE + ", applied in the graph";
        return switch (part) {
            case FULL -> "ae4j autoencoder: input [batch, " + model.inputDim() + "] raw rows (" + norm + "); outputs "
                    + CODE + " [batch, " + model.codeDim() + "], " + RECONSTRUCTION + " [batch, " + model.inputDim()
                    + "] and " + SCORE + " [batch] = sum_i (x'_i - reconstruction_i)^2, the anomaly score, where x' is "
                    + "the normalized input; reconstruction and score are in normalized units";
            case ENCODER -> "ae4j encoder: input [batch, " + model.inputDim() + "] raw rows (" + norm + "); output "
                    + CODE + " [batch, " + model.codeDim() + "]";
            case DECODER -> "ae4j decoder: input " + CODE + " [batch, " + model.codeDim() + "]; output "
                    + RECONSTRUCTION + " [batch, " + model.inputDim() + "] in normalized units ("
                    + (model.normalization().isIdentity() ? "the model has no input normalization"
                    : model.normalization().kind().optionName() + "; shift and scale are in the full model's file")
                    + ")";
        };
    }
}
