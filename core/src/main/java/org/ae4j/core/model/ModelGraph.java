package org.ae4j.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.spi.DecoderGraph;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.spi.ParameterSpec;
import org.ae4j.core.spi.Regularizer;

/**
 * An autoencoder built as IR for one batch size: input, corruption (training only), encoder, decoder, loss and
 * penalties. It is the {@link ModelContext} that regularizers see, and it makes the training and inference
 * {@link Program}s that backends execute.
 */
public final class ModelGraph implements ModelContext {
    /** Name of the input batch node. */
    public static final String INPUT = "x";

    private final AutoencoderSpec spec;
    private final boolean training;
    private final double dataMin;
    private final double dataMax;
    private final Node x;
    private final Map<String, Node> params = new LinkedHashMap<>();
    private final List<ParameterSpec> paramSpecs = new ArrayList<>();
    private final Map<Node, NoiseSampler> noise = new LinkedHashMap<>();
    private final Node encoderInput;
    private final EncoderGraph encoder;
    private final DecoderGraph decoder;
    private final Node reconstructionLoss;
    private final Map<String, Node> penalties = new LinkedHashMap<>();
    private final Node loss;

    private ModelGraph(AutoencoderSpec spec, int inputDim, int batch, boolean training, double dataMin, double dataMax) {
        this.spec = spec;
        this.training = training;
        this.dataMin = dataMin;
        this.dataMax = dataMax;
        this.x = Ops.input(INPUT, Shape.of(batch, inputDim));
        this.encoderInput = training && spec.corruption() != null
                ? spec.corruption().instance().apply(x, corruptionContext()) : x;
        declare(spec.encoder().instance().parameters(inputDim));
        this.encoder = spec.encoder().instance().build(encoderInput, this::parameter);
        declare(spec.decoder().instance().parameters(encoder, inputDim));
        this.decoder = spec.decoder().instance().build(encoder.code(), this::parameter, encoder, inputDim);
        if (!decoder.reconstruction().shape().equals(x.shape())) {
            throw new IllegalArgumentException("decoder: expected a reconstruction of shape " + x.shape() + ", got "
                    + decoder.reconstruction().shape());
        }
        this.reconstructionLoss = spec.loss().batchLoss(x, decoder);
        Node total = reconstructionLoss;
        if (training) {
            for (Component<Regularizer> r : spec.regularizers()) {
                Node p = r.instance().penalty(this);
                if (p.shape().rank() != 0) {
                    throw new IllegalArgumentException("regularizer " + r.provider() + ": expected a scalar penalty, got shape "
                            + p.shape());
                }
                String key = penalties.containsKey(r.provider()) ? r.provider() + "#" + penalties.size() : r.provider();
                penalties.put(key, p);
                total = Ops.add(total, p);
            }
        }
        this.loss = total;
    }

    /** The graph used for training steps: corruption and penalties included. */
    public static ModelGraph training(AutoencoderSpec spec, int inputDim, int batch, double dataMin, double dataMax) {
        return new ModelGraph(spec, inputDim, batch, true, dataMin, dataMax);
    }

    /** The graph used for evaluation and inference: clean input, reconstruction loss only. */
    public static ModelGraph inference(AutoencoderSpec spec, int inputDim, int batch) {
        return new ModelGraph(spec, inputDim, batch, false, 0, 1);
    }

    private void declare(List<ParameterSpec> specs) {
        for (ParameterSpec s : specs) {
            if (params.containsKey(s.name())) {
                throw new IllegalArgumentException("parameter '" + s.name() + "' is declared twice");
            }
            params.put(s.name(), Ops.parameter(s.name(), s.shape()));
            paramSpecs.add(s);
        }
    }

    private CorruptionContext corruptionContext() {
        return this;
    }

    /**
     * The training program: outputs [loss, reconstruction loss, penalties...]; updates every trainable
     * parameter and the optimizer's state.
     */
    public TrainingProgram trainingProgram(Optimizer optimizer) {
        List<Node> trainable = new ArrayList<>(params.values());
        List<Node> grads = Autodiff.gradients(loss, trainable);
        Map<String, Node> state = new LinkedHashMap<>();
        Map<Node, Node> updates = optimizer.updates(trainable, grads, (name, shape) -> {
            String full = "optimizer." + name;
            if (state.containsKey(full)) {
                throw new IllegalStateException("optimizer state '" + full + "' created twice");
            }
            Node n = Ops.parameter(full, shape);
            state.put(full, n);
            return n;
        });
        List<Node> outputs = new ArrayList<>();
        outputs.add(loss);
        outputs.add(reconstructionLoss);
        outputs.addAll(penalties.values());
        return new TrainingProgram(Program.of(outputs, updates), loss, reconstructionLoss,
                Collections.unmodifiableMap(new LinkedHashMap<>(penalties)), state.keySet().stream().toList(),
                Collections.unmodifiableMap(new LinkedHashMap<>(noise)));
    }

    /** The inference program: outputs code [B,k], reconstruction [B,d], per-row score [B], loss. */
    public Program inferenceProgram() {
        return Program.of(List.of(encoder.code(), decoder.reconstruction(), score(), reconstructionLoss), Map.of());
    }

    /** Per-row reconstruction error Σ_i (x_i − x̂_i)², the anomaly score, [B]. */
    public Node score() {
        return F.rowSum(F.squaredError(decoder.reconstruction(), x));
    }

    public AutoencoderSpec spec() {
        return spec;
    }

    /** Declared parameters in declaration order. */
    public List<ParameterSpec> parameterSpecs() {
        return List.copyOf(paramSpecs);
    }

    /** The total objective: reconstruction loss plus weighted penalties (training graphs). */
    public Node loss() {
        return loss;
    }

    public Node reconstructionLoss() {
        return reconstructionLoss;
    }

    /** Penalty nodes by regularizer name (training graphs). */
    public Map<String, Node> penalties() {
        return Collections.unmodifiableMap(penalties);
    }

    /** Noise inputs and their samplers (training graphs). */
    public Map<Node, NoiseSampler> noiseInputs() {
        return Collections.unmodifiableMap(noise);
    }

    /** Parameter nodes by name. */
    public Map<String, Node> parameters() {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public Node input() {
        return x;
    }

    @Override
    public Node encoderInput() {
        return encoderInput;
    }

    @Override
    public EncoderGraph encoder() {
        return encoder;
    }

    @Override
    public DecoderGraph decoder() {
        return decoder;
    }

    @Override
    public int batchSize() {
        return x.shape().dim(0);
    }

    @Override
    public List<Node> weights() {
        List<Node> out = new ArrayList<>();
        for (ParameterSpec s : paramSpecs) {
            if (s.isWeight()) {
                out.add(params.get(s.name()));
            }
        }
        return out;
    }

    @Override
    public Node parameter(String name) {
        Node n = params.get(name);
        if (n == null) {
            throw new IllegalArgumentException("parameter '" + name + "' was not declared; declared: " + params.keySet());
        }
        return n;
    }

    @Override
    public EncoderGraph encode(Node input) {
        return spec.encoder().instance().build(input, this::parameter);
    }

    @Override
    public Node noise(String name, Shape shape, NoiseSampler sampler) {
        if (!training) {
            throw new IllegalStateException("noise '" + name + "' requested outside training");
        }
        for (Node n : noise.keySet()) {
            if (n.name().equals("noise." + name)) {
                throw new IllegalArgumentException("noise input '" + name + "' is requested twice; names must be unique");
            }
        }
        Node n = Ops.input("noise." + name, shape);
        noise.put(n, sampler);
        return n;
    }

    @Override
    public double dataMin() {
        return dataMin;
    }

    @Override
    public double dataMax() {
        return dataMax;
    }
}
