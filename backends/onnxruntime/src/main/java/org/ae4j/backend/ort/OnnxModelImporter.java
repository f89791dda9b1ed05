package org.ae4j.backend.ort;

import static org.ae4j.backend.ort.OnnxModelFormat.*;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.registry.PluginException;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.ParameterSpec;
import org.ae4j.core.spi.Regularizer;

/**
 * Reads ae4j ONNX files ({@link OnnxModelFormat}) back: the spec is rebuilt through a {@link PluginRegistry} from
 * the metadata's spec strings, the parameters and the normalization come from initializers by name. The graph
 * itself is not interpreted: ae4j builds its own from the spec. Errors throw {@link IllegalArgumentException}
 * saying what is wrong; {@link OnnxModelIO} adds the file name.
 */
public final class OnnxModelImporter {
    private OnnxModelImporter() {
    }

    /** Parses the bytes of an ONNX file; says so when they are not one (or are cut short). */
    public static ModelProto parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("not an ONNX model: the file is empty");
        }
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model, or a truncated one (" + bytes.length
                    + " bytes): the protobuf does not parse: " + e.getMessage(), e);
        }
    }

    /** The ae4j metadata of a model of any part, checked for the keys every part has. */
    public static OnnxModelInfo info(ModelProto model) {
        Map<String, String> meta = new TreeMap<>();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (meta.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' appears twice");
            }
        }
        String format = meta.get(KEY_FORMAT);
        if (format == null) {
            throw new IllegalArgumentException("not an ae4j model: it has no " + KEY_FORMAT + " metadata (producer '"
                    + model.getProducerName() + "'" + (model.hasGraph() ? "" : ", no graph: is the file truncated?")
                    + ")");
        }
        if (!format.equals(Integer.toString(VERSION))) {
            throw new IllegalArgumentException(KEY_FORMAT + ": this ae4j reads format version " + VERSION + ", the file has '"
                    + format + "'");
        }
        ModelPart part = ModelPart.parse(require(meta, KEY_PART));
        int inputDim = positiveInt(meta, KEY_INPUT_DIM);
        Map<String, String> provenance = new TreeMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(PROVENANCE_PREFIX)) {
                provenance.put(k.substring(PROVENANCE_PREFIX.length()), v);
            }
        });
        return new OnnxModelInfo(part, VERSION, meta.getOrDefault(KEY_VERSION, "unknown"), inputDim, meta, provenance);
    }

    /** Reads a full model: spec, parameters and normalization. */
    public static LoadedModel read(ModelProto model, PluginRegistry registry) {
        OnnxModelInfo info = info(model);
        if (info.part() != ModelPart.FULL) {
            throw new IllegalArgumentException("it holds the " + info.part().optionName() + " only (" + KEY_PART + "="
                    + info.part().optionName() + "); a model can be loaded only from a full export (" + KEY_PART
                    + "=full)");
        }
        Map<String, String> meta = info.metadata();
        AutoencoderSpec spec = spec(meta, registry);
        int d = info.inputDim();
        checkGraphInput(model, d);
        Map<String, TensorProto> inits = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            inits.put(t.getName(), t);
        }
        List<ParameterSpec> params;
        try {
            params = ModelGraph.inference(spec, d, 1).parameterSpecs();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model described by the metadata cannot be built for input width "
                    + d + ": " + e.getMessage(), e);
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSpec p : params) {
            values.put(p.name(), floats(inits, p.name(), p.shape()));
        }
        Normalization.Kind kind;
        try {
            kind = Normalization.Kind.parse(require(meta, KEY_NORMALIZATION));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_NORMALIZATION + ": " + e.getMessage(), e);
        }
        Normalization norm = kind == Normalization.Kind.NONE ? Normalization.none()
                : new Normalization(kind, floats(inits, SHIFT, Shape.of(d)), floats(inits, SCALE, Shape.of(d)));
        Autoencoder ae = new Autoencoder(spec, d, values, Map.of(), norm);
        int k = positiveInt(meta, KEY_CODE_DIM);
        if (ae.codeDim() != k) {
            throw new IllegalArgumentException(KEY_CODE_DIM + ": the metadata says " + k + ", but the encoder "
                    + meta.get(KEY_ENCODER) + " has a code of width " + ae.codeDim());
        }
        return new LoadedModel(ae, info);
    }

    /** The spec rebuilt from the metadata through the registry. */
    static AutoencoderSpec spec(Map<String, String> meta, PluginRegistry registry) {
        Component<Encoder> encoder = create(registry, PluginKind.ENCODER, Encoder.class, meta, KEY_ENCODER);
        Component<Decoder> decoder = create(registry, PluginKind.DECODER, Decoder.class, meta, KEY_DECODER);
        Loss loss;
        Optimizer optimizer;
        try {
            loss = Loss.parse(require(meta, KEY_LOSS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_LOSS + ": " + e.getMessage(), e);
        }
        try {
            optimizer = Optimizer.parse(require(meta, KEY_OPTIMIZER));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_OPTIMIZER + " '" + meta.get(KEY_OPTIMIZER) + "': " + e.getMessage(), e);
        }
        List<Component<Regularizer>> regs = new ArrayList<>();
        for (String s : require(meta, KEY_REGULARIZERS).split(REGULARIZER_SEPARATOR, -1)) {
            if (!s.isBlank()) {
                regs.add(create(registry, PluginKind.REGULARIZER, Regularizer.class, s, KEY_REGULARIZERS));
            }
        }
        String c = require(meta, KEY_CORRUPTION);
        Component<Corruption> corruption = c.isBlank() ? null
                : create(registry, PluginKind.CORRUPTION, Corruption.class, c, KEY_CORRUPTION);
        return new AutoencoderSpec(encoder, decoder, loss, regs, corruption, optimizer);
    }

    private static <T> Component<T> create(PluginRegistry registry, PluginKind kind, Class<T> type,
                                           Map<String, String> meta, String key) {
        return create(registry, kind, type, require(meta, key), key);
    }

    private static <T> Component<T> create(PluginRegistry registry, PluginKind kind, Class<T> type, String spec,
                                           String key) {
        try {
            return registry.create(kind, type, spec);
        } catch (PluginException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(key + " '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The graph input must be {@value OnnxModelFormat#INPUT} [batch, d], as the metadata says. */
    private static void checkGraphInput(ModelProto model, int d) {
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (v.getName().equals(INPUT)) {
                TensorShapeProto s = v.getType().getTensorType().getShape();
                if (s.getDimCount() != 2 || s.getDim(1).getDimValue() != d) {
                    throw new IllegalArgumentException("graph input '" + INPUT + "': expected shape [" + BATCH + ", " + d
                            + "] (" + KEY_INPUT_DIM + "=" + d + "), found " + describe(s));
                }
                return;
            }
        }
        throw new IllegalArgumentException("the graph has no input named '" + INPUT + "'");
    }

    /** The float32 values of an initializer, checked against the expected shape. */
    private static float[] floats(Map<String, TensorProto> inits, String name, Shape shape) {
        TensorProto t = inits.get(name);
        if (t == null) {
            throw new IllegalArgumentException("initializer '" + name + "' " + shape + " is missing");
        }
        List<Long> dims = t.getDimsList();
        boolean same = dims.size() == shape.rank();
        for (int i = 0; same && i < dims.size(); i++) {
            same = dims.get(i) == shape.dim(i);
        }
        if (!same) {
            throw new IllegalArgumentException("initializer '" + name + "': expected shape " + shape + ", found "
                    + dims);
        }
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("initializer '" + name + "': expected float32 values, found data type "
                    + TensorProto.DataType.forNumber(t.getDataType()));
        }
        int n = shape.size();
        float[] out = new float[n];
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("initializer '" + name + "': its values are in an external file, "
                    + "which ae4j does not read");
        }
        if (!t.getRawData().isEmpty()) {
            ByteString raw = t.getRawData();
            if (raw.size() != n * Float.BYTES) {
                throw new IllegalArgumentException("initializer '" + name + "' " + shape + ": expected " + n * Float.BYTES
                        + " bytes of float32 values, found " + raw.size());
            }
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        } else {
            if (t.getFloatDataCount() != n) {
                throw new IllegalArgumentException("initializer '" + name + "' " + shape + ": expected " + n
                        + " float32 values, found " + t.getFloatDataCount());
            }
            for (int i = 0; i < n; i++) {
                out[i] = t.getFloatData(i);
            }
        }
        return out;
    }

    private static String describe(TensorShapeProto s) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : s.getDimList()) {
            dims.add(dim.hasDimValue() ? Long.toString(dim.getDimValue()) : dim.getDimParam());
        }
        return dims.toString();
    }

    private static String require(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata '" + key + "' is missing");
        }
        return v;
    }

    private static int positiveInt(Map<String, String> meta, String key) {
        String v = require(meta, key);
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("metadata '" + key + "': expected a positive integer, got '" + v + "'");
    }
}
