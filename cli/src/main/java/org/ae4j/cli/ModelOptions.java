package org.ae4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.model.dense.TiedDecoderConfig;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;
import picocli.CommandLine.Option;

/** Architecture, loss, regularizer, corruption and optimizer flags, turned into an {@link AutoencoderSpec}. */
final class ModelOptions {
    @Option(names = "--layers", split = ",", defaultValue = "64",
            description = "encoder layer widths, the last is the code (default: ${DEFAULT-VALUE})")
    List<Integer> layers;

    @Option(names = "--activation", defaultValue = "sigmoid",
            description = "hidden and code activation: sigmoid, tanh, relu, softplus, identity (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--output-activation", defaultValue = "sigmoid",
            description = "output activation (default: ${DEFAULT-VALUE})")
    String outputActivation;

    @Option(names = "--tied", description = "tie the decoder to the encoder's transposed weights")
    boolean tied;

    @Option(names = "--loss", defaultValue = "squared-error",
            description = "squared-error or binary-cross-entropy (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--regularizer", description = "a regularizer plugin with options, e.g. kl-sparsity:rho=0.05,beta=3 (repeatable)")
    List<String> regularizers = new ArrayList<>();

    @Option(names = "--corruption", description = "a corruption plugin with options, e.g. masking:level=0.3")
    String corruption;

    @Option(names = "--optimizer", defaultValue = "adam:lr=1e-3",
            description = "adam:lr=,beta1=,beta2=,epsilon= or sgd:lr=,momentum= (default: ${DEFAULT-VALUE})")
    String optimizer;

    AutoencoderSpec spec(PluginRegistry registry) {
        Activation act = parseActivation("--activation", activation);
        Activation out = parseActivation("--output-activation", outputActivation);
        DenseEncoderConfig ec = new DenseEncoderConfig(layers, List.of(act));
        Component<Encoder> encoder = new Component<>("dense", ec,
                registry.encoder("dense").createUnchecked(ec));
        Component<Decoder> decoder;
        if (tied) {
            TiedDecoderConfig dc = new TiedDecoderConfig(out);
            decoder = new Component<>("tied", dc, registry.decoder("tied").createUnchecked(dc));
        } else {
            DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(act), out, true);
            decoder = new Component<>("dense", dc, registry.decoder("dense").createUnchecked(dc));
        }
        List<Component<Regularizer>> regs = new ArrayList<>();
        for (String r : regularizers) {
            regs.add(registry.create(PluginKind.REGULARIZER, Regularizer.class, PluginSpec.parse(r)));
        }
        Component<Corruption> corr = corruption == null ? null
                : registry.create(PluginKind.CORRUPTION, Corruption.class, PluginSpec.parse(corruption));
        return new AutoencoderSpec(encoder, decoder, Loss.parse(loss), regs, corr, Optimizer.parse(optimizer));
    }

    private static Activation parseActivation(String flag, String value) {
        try {
            return Activation.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": expected sigmoid, tanh, relu, softplus or identity, got '"
                    + value + "'");
        }
    }
}
