package org.ae4j.backend.ort;

import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;

/**
 * Small trained models for the export tests, each with the data it was trained on: a plain sigmoid autoencoder, a
 * two-layer relu one (with a regularizer and a corruption, so the metadata has them), a tied decoder, and a
 * min-max normalized model trained on data far from [0, 1]. Trained for a few epochs on the CPU backend, so the
 * weights are not just their initial values.
 */
final class ExportFixtures {
    static final PluginRegistry REGISTRY = new PluginRegistry();
    /** Rows of test data (not the training rows). */
    static final int TEST_ROWS = 37;

    /** A trained model, its training data and separate test data (raw units). */
    record Fixture(String name, Autoencoder model, Dataset train, Dataset test) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Fixture> all;

    private ExportFixtures() {
    }

    /** The four fixtures, trained once per test JVM. */
    static synchronized List<Fixture> all() {
        if (all == null) {
            try (Backend cpu = cpu()) {
                all = List.of(
                        train(cpu, "plain sigmoid", spec("dense:units=4,activations=sigmoid",
                                "dense:mirror=true,output=sigmoid", Loss.BINARY_CROSS_ENTROPY, List.of(), null), 12, 1, 0,
                                false),
                        train(cpu, "relu 2-layer", spec("dense:units=8/3,activations=relu",
                                "dense:mirror=true,output=identity", Loss.SQUARED_ERROR,
                                List.of("weight-decay:lambda=1.0E-4"), "masking:level=0.2"), 10, 1, 0, false),
                        train(cpu, "tied decoder", spec("dense:units=6/4,activations=tanh/sigmoid",
                                "tied:output=sigmoid", Loss.BINARY_CROSS_ENTROPY,
                                List.of("kl-sparsity:rho=0.1,beta=0.5", "l1-activity:lambda=0.001"), null), 11, 1, 0,
                                false),
                        train(cpu, "min-max normalized", spec("dense:units=5,activations=sigmoid",
                                "dense:mirror=true,output=sigmoid", Loss.SQUARED_ERROR,
                                List.of("contractive:lambda=0.05,mode=exact"), "gaussian:sigma=0.05,clip=true"), 9, 40,
                                -7, true));
            }
        }
        return all;
    }

    /** The fixture with the given name. */
    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** The CPU backend, found by name through the registry. */
    static Backend cpu() {
        return REGISTRY.backend("cpu").createFromOptions(Map.of());
    }

    @SuppressWarnings("unchecked")
    static AutoencoderSpec spec(String encoder, String decoder, Loss loss, List<String> regularizers, String corruption) {
        Component<Encoder> e = REGISTRY.create(PluginKind.ENCODER, Encoder.class, encoder);
        Component<Decoder> d = REGISTRY.create(PluginKind.DECODER, Decoder.class, decoder);
        List<Component<Regularizer>> regs = regularizers.stream()
                .map(s -> REGISTRY.create(PluginKind.REGULARIZER, Regularizer.class, s)).toList();
        Component<Corruption> c = corruption == null ? null
                : REGISTRY.create(PluginKind.CORRUPTION, Corruption.class, corruption);
        return new AutoencoderSpec(e, d, loss, regs, c, Optimizer.parse("adam:lr=0.01"));
    }

    /** rows × d values: low-rank data in [0, 1], then scaled and shifted (raw units). */
    static Dataset data(String source, int rows, int d, long seed, double scale, double shift) {
        Dataset base = Models.lowRank(rows, d, seed);
        float[] v = base.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * scale + shift);
        }
        return new Dataset(source, v, rows, d);
    }

    private static Fixture train(Backend cpu, String name, AutoencoderSpec spec, int d, double scale, double shift,
                                 boolean minMax) {
        Dataset train = data(name + " (training rows)", 200, d, 3, scale, shift);
        Dataset test = data(name + " (test rows)", TEST_ROWS, d, 4, scale, shift);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withBatchSize(20).withSeed(7);
        Autoencoder start = Autoencoder.initialize(spec, d, 7);
        if (minMax) {
            start = start.withNormalization(Normalization.fit(Normalization.Kind.MIN_MAX, train));
        }
        Autoencoder model = new Trainer(cpu).fit(start, train, config).model();
        return new Fixture(name, model, train, test);
    }
}
