package org.ae4j.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.model.dense.TiedDecoder;
import org.ae4j.core.model.dense.TiedDecoderConfig;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greedy layer-wise pretraining of a stacked autoencoder, then end-to-end fine-tuning. Layer l is trained as a
 * one-layer autoencoder of the codes of layer l−1, with its own regularizers and corruption (as in stacked
 * denoising and contractive autoencoders); its weights then initialise layer l of the encoder and the mirrored
 * layer of the decoder (tied or untied, as the full model is).
 */
public final class LayerwiseTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(LayerwiseTrainer.class);
    private final Trainer trainer;

    public LayerwiseTrainer(Trainer trainer) {
        this.trainer = trainer;
    }

    /**
     * What one pretraining stage adds to its one-layer autoencoder.
     *
     * @param regularizers the stage's penalties
     * @param corruption the stage's corruption, or null
     */
    public record Stage(List<Component<Regularizer>> regularizers, Component<Corruption> corruption) {
        public Stage {
            regularizers = List.copyOf(regularizers);
        }
    }

    /**
     * Pretrains each layer of {@code full} (a dense encoder with a mirrored dense or tied decoder), then
     * fine-tunes the whole stack.
     *
     * @param stages one per encoder layer; null to give every stage the full model's regularizers and corruption
     */
    public TrainingResult fit(AutoencoderSpec full, List<Stage> stages, Dataset data, TrainingConfig pretrain,
                              TrainingConfig finetune, TrainingListener... listeners) {
        if (!(full.encoder().config() instanceof DenseEncoderConfig ec)) {
            throw new IllegalArgumentException("layer-wise training: expected a dense encoder, got '"
                    + full.encoder().provider() + "'");
        }
        boolean tied = full.decoder().instance() instanceof TiedDecoder;
        Activation output;
        if (full.decoder().config() instanceof DenseDecoderConfig dc && dc.mirror()) {
            output = dc.output();
        } else if (full.decoder().config() instanceof TiedDecoderConfig tc) {
            output = tc.output();
        } else {
            throw new IllegalArgumentException("layer-wise training: expected a mirrored dense or a tied decoder, got "
                    + full.decoder().spec());
        }
        int layers = ec.units().size();
        if (stages != null && stages.size() != layers) {
            throw new IllegalArgumentException("layer-wise training: expected " + layers + " stages (one per layer), got "
                    + stages.size());
        }
        Map<String, float[]> init = new LinkedHashMap<>();
        Dataset input = data;
        for (int l = 0; l < layers; l++) {
            Activation act = ec.activation(l);
            Activation stageOut = l == 0 ? output : reconstructionActivation(ec.activation(l - 1));
            Stage stage = stages != null ? stages.get(l) : new Stage(full.regularizers(), full.corruption());
            AutoencoderSpec one = oneLayer(ec.units().get(l), act, stageOut, tied, stage, full);
            LOG.info("layer-wise pretraining: layer {} of {} ({} -> {}, {})", l + 1, layers, input.cols(),
                    ec.units().get(l), one.describe());
            TrainingResult r = trainer.fit(one, input, pretrain.withSeed(pretrain.seed() + l), listeners);
            Autoencoder m = r.model();
            init.put("encoder." + l + ".weight", m.parameter("encoder.0.weight"));
            init.put("encoder." + l + ".bias", m.parameter("encoder.0.bias"));
            int mirrored = layers - 1 - l;
            if (!tied) {
                init.put("decoder." + mirrored + ".weight", m.parameter("decoder.0.weight"));
            }
            init.put("decoder." + mirrored + ".bias", m.parameter("decoder.0.bias"));
            if (l < layers - 1) {
                input = new Dataset(data.source() + " (codes of layer " + (l + 1) + ")",
                        m.encode(trainer.backend(), input), input.rows(), ec.units().get(l), input.labels());
            }
        }
        Autoencoder start = new Autoencoder(full, data.cols(), init, Map.of());
        LOG.info("layer-wise pretraining done; fine-tuning the whole stack");
        return trainer.fit(start, data, finetune, listeners);
    }

    /** The output activation that reconstructs codes of a given activation's range. */
    static Activation reconstructionActivation(Activation codes) {
        return codes == Activation.SIGMOID || codes == Activation.TANH ? codes : Activation.IDENTITY;
    }

    private static AutoencoderSpec oneLayer(int units, Activation act, Activation out, boolean tied, Stage stage,
                                            AutoencoderSpec full) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(units), List.of(act));
        Component<Encoder> enc = new Component<>("dense", ec, new DenseEncoder(ec));
        Component<Decoder> dec;
        if (tied) {
            TiedDecoderConfig c = new TiedDecoderConfig(out);
            dec = new Component<>("tied", c, new TiedDecoder(c));
        } else {
            DenseDecoderConfig c = new DenseDecoderConfig(List.of(), List.of(act), out, true);
            dec = new Component<>("dense", c, new DenseDecoder(c));
        }
        Loss loss = out == Activation.SIGMOID ? full.loss() : Loss.SQUARED_ERROR;
        return new AutoencoderSpec(enc, dec, loss, new ArrayList<>(stage.regularizers()), stage.corruption(),
                full.optimizer());
    }
}
