package org.ae4j.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.ParameterSpec;
import org.ae4j.core.util.Rng;

/**
 * A model: its spec, input width and parameter values (plus optimizer state, so training can continue).
 * Immutable: parameter arrays are copied in and out.
 */
public final class Autoencoder {
    private final AutoencoderSpec spec;
    private final int inputDim;
    private final Map<String, float[]> parameters;
    private final Map<String, float[]> optimizerState;
    private final Normalization normalization;

    /**
     * @param spec what the model is made of
     * @param inputDim input width d
     * @param parameters values of every declared parameter, by name
     * @param optimizerState optimizer state by name (may be empty)
     */
    public Autoencoder(AutoencoderSpec spec, int inputDim, Map<String, float[]> parameters,
                       Map<String, float[]> optimizerState) {
        this(spec, inputDim, parameters, optimizerState, Normalization.none());
    }

    /**
     * @param spec what the model is made of
     * @param inputDim input width d
     * @param parameters values of every declared parameter, by name
     * @param optimizerState optimizer state by name (may be empty)
     * @param normalization the input normalization applied before the encoder (fitted on training data)
     */
    public Autoencoder(AutoencoderSpec spec, int inputDim, Map<String, float[]> parameters,
                       Map<String, float[]> optimizerState, Normalization normalization) {
        this.spec = spec;
        this.normalization = normalization;
        if (!normalization.isIdentity() && normalization.shift().length != inputDim) {
            throw new IllegalArgumentException("normalization has " + normalization.shift().length
                    + " features, model input width is " + inputDim);
        }
        this.inputDim = inputDim;
        ModelGraph g = ModelGraph.inference(spec, inputDim, 1);
        Map<String, float[]> p = new LinkedHashMap<>();
        for (ParameterSpec s : g.parameterSpecs()) {
            float[] v = parameters.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("parameter '" + s.name() + "' " + s.shape() + " has no value");
            }
            if (v.length != s.shape().size()) {
                throw new IllegalArgumentException("parameter '" + s.name() + "': expected " + s.shape().size()
                        + " values for shape " + s.shape() + ", got " + v.length);
            }
            p.put(s.name(), v.clone());
        }
        this.parameters = Collections.unmodifiableMap(p);
        Map<String, float[]> st = new LinkedHashMap<>();
        optimizerState.forEach((k, v) -> st.put(k, v.clone()));
        this.optimizerState = Collections.unmodifiableMap(st);
    }

    /** A new model with parameters initialised from the seed (Glorot or He by activation, zero biases). */
    public static Autoencoder initialize(AutoencoderSpec spec, int inputDim, long seed) {
        ModelGraph g = ModelGraph.inference(spec, inputDim, 1);
        Map<String, float[]> p = new LinkedHashMap<>();
        Rng root = new Rng(seed);
        for (ParameterSpec s : g.parameterSpecs()) {
            float[] v = new float[s.shape().size()];
            s.init().fill(root.split("init:" + s.name()), v);
            p.put(s.name(), v);
        }
        return new Autoencoder(spec, inputDim, p, Map.of());
    }

    /** The input normalization (the identity unless one was fitted). */
    public Normalization normalization() {
        return normalization;
    }

    /** The same model with another input normalization. */
    public Autoencoder withNormalization(Normalization n) {
        return new Autoencoder(spec, inputDim, parameters, optimizerState, n);
    }

    public AutoencoderSpec spec() {
        return spec;
    }

    public int inputDim() {
        return inputDim;
    }

    /** Width of the code. */
    public int codeDim() {
        return spec.encoder().instance().codeDim();
    }

    /** A copy of one parameter's values. */
    public float[] parameter(String name) {
        float[] v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + parameters.keySet());
        }
        return v.clone();
    }

    /** Parameter names in declaration order. */
    public java.util.Set<String> parameterNames() {
        return parameters.keySet();
    }

    /** Copies of all parameters, by name. */
    public Map<String, float[]> parameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Copies of the optimizer state, by name (empty for a model that was never trained). */
    public Map<String, float[]> optimizerState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        optimizerState.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** The same parameters under another spec (e.g. another optimizer or regularizers); optimizer state dropped. */
    public Autoencoder withSpec(AutoencoderSpec other) {
        return new Autoencoder(other, inputDim, parameters, Map.of(), normalization);
    }

    /** Encodes every row (raw input: the model's normalization is applied first): [rows, k] row-major. */
    public float[] encode(Backend backend, Dataset data) {
        return Inference.run(this, backend, data, Inference.Output.CODE).codes();
    }

    /** Reconstructs every row: [rows, d] row-major. */
    public float[] reconstruct(Backend backend, Dataset data) {
        return Inference.run(this, backend, data, Inference.Output.RECONSTRUCTION).reconstructions();
    }

    /** Per-row reconstruction error Σ_i (x_i − x̂_i)², the anomaly score. */
    public float[] score(Backend backend, Dataset data) {
        return Inference.run(this, backend, data, Inference.Output.SCORE).scores();
    }

    /** The reconstruction loss averaged over all rows (clean inputs, no penalties). */
    public double loss(Backend backend, Dataset data) {
        return Inference.run(this, backend, data, Inference.Output.LOSS).meanLoss();
    }

    void checkWidth(Dataset data) {
        if (data.cols() != inputDim) {
            throw new IllegalArgumentException("model expects rows of " + inputDim + " features, but " + data.source()
                    + " has " + data.cols() + " columns");
        }
    }
}
