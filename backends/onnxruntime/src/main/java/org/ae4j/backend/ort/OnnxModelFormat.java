package org.ae4j.backend.ort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The ae4j ONNX model format, version {@value #VERSION}: the names of graph inputs, outputs and initializers, and
 * the {@code metadata_props} keys an exported file carries.
 *
 * <p>A full model has input {@value #INPUT} [batch, d] (raw features, float32; {@value #BATCH} is a symbolic
 * dimension) and outputs {@value #CODE} [batch, k], {@value #RECONSTRUCTION} [batch, d] and {@value #SCORE}
 * [batch]. When the model has an input normalization x' = (x − shift) · scale, the graph applies it first with a
 * {@code Sub} and a {@code Mul} over the initializers {@value #SHIFT} and {@value #SCALE} (float32 [d]); the
 * reconstruction approximates x', and score = Σ_i (x'_i − x̂_i)², the anomaly score, is in the same normalized
 * units. The encoder-only file has the same input and the output {@value #CODE}; the decoder-only file has the
 * input {@value #CODE} and the output {@value #RECONSTRUCTION}, in normalized units (and no normalization
 * initializers: it does not use them). Model parameters are float32 initializers named as in ae4j (e.g.
 * {@code encoder.0.weight}); nothing else is stored (no optimizer state: see checkpoints for that).
 *
 * <p>Metadata (sorted by key): {@value #KEY_FORMAT}, {@value #KEY_PART}, {@value #KEY_VERSION},
 * {@value #KEY_ENCODER}, {@value #KEY_DECODER} (plugin specs {@code name:key=value,...}, lists joined with '/'),
 * {@value #KEY_LOSS}, {@value #KEY_REGULARIZERS} (specs joined with ';', empty for none), {@value #KEY_CORRUPTION}
 * (a spec, empty for none), {@value #KEY_OPTIMIZER}, {@value #KEY_INPUT_DIM}, {@value #KEY_CODE_DIM},
 * {@value #KEY_NORMALIZATION} (none | min-max | z-score), {@value #KEY_RECONSTRUCTION_UNITS} (full and decoder
 * files: {@code normalized}), and the caller's provenance, each key prefixed with {@value #PROVENANCE_PREFIX}.
 */
public final class OnnxModelFormat {
    /** The format version written to {@value #KEY_FORMAT}; readers refuse others. */
    public static final int VERSION = 1;
    /** producer_name of every exported model. */
    public static final String PRODUCER = "ae4j";

    /** Graph input of the full and encoder files: raw rows [batch, d]. */
    public static final String INPUT = "input";
    /** Output of the full and encoder files, input of the decoder file: codes [batch, k]. */
    public static final String CODE = "code";
    /** Output of the full and decoder files: reconstructions [batch, d], normalized units. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** Output of the full file: per-row Σ_i (x'_i − x̂_i)² [batch], normalized units. */
    public static final String SCORE = "score";
    /** The symbolic batch dimension of every graph input and output. */
    public static final String BATCH = "batch";
    /** Initializer holding the normalization's per-feature shift [d] (only when it is not the identity). */
    public static final String SHIFT = "normalization.shift";
    /** Initializer holding the normalization's per-feature scale [d] (only when it is not the identity). */
    public static final String SCALE = "normalization.scale";

    public static final String KEY_FORMAT = "ae4j.format";
    public static final String KEY_PART = "ae4j.part";
    public static final String KEY_VERSION = "ae4j.version";
    public static final String KEY_ENCODER = "ae4j.encoder";
    public static final String KEY_DECODER = "ae4j.decoder";
    public static final String KEY_LOSS = "ae4j.loss";
    public static final String KEY_REGULARIZERS = "ae4j.regularizers";
    public static final String KEY_CORRUPTION = "ae4j.corruption";
    public static final String KEY_OPTIMIZER = "ae4j.optimizer";
    public static final String KEY_INPUT_DIM = "ae4j.input_dim";
    public static final String KEY_CODE_DIM = "ae4j.code_dim";
    public static final String KEY_NORMALIZATION = "ae4j.normalization";
    public static final String KEY_RECONSTRUCTION_UNITS = "ae4j.reconstruction_units";
    /** Prefix of the caller's provenance keys, e.g. {@code ae4j.provenance.dataset}. */
    public static final String PROVENANCE_PREFIX = "ae4j.provenance.";
    /** Separator of the specs in {@value #KEY_REGULARIZERS}. */
    public static final String REGULARIZER_SEPARATOR = ";";

    private static final String VERSION_RESOURCE = "ae4j-version.properties";
    private static volatile String version;

    private OnnxModelFormat() {
    }

    /** This build's ae4j version (the Maven project version), written to {@value #KEY_VERSION}. */
    public static String ae4jVersion() {
        String v = version;
        if (v == null) {
            Properties p = new Properties();
            try (InputStream in = OnnxModelFormat.class.getResourceAsStream(VERSION_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + VERSION_RESOURCE + " is missing from the build");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + VERSION_RESOURCE, e);
            }
            v = p.getProperty("version", "unknown");
            version = v;
        }
        return v;
    }
}
