package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training on ONNX Runtime agrees with the double-precision reference backend and with the CPU backend: the same
 * initial weights, batches and noise (one seed), 50 Adam steps, then every parameter and optimizer state tensor
 * compared.
 */
class TrainingAgreementTest {
    /** |ort − other| ≤ TOLERANCE · max(|other|, 1e-2), elementwise. */
    static final double TOLERANCE = 1e-4;
    private static final PluginRegistry REGISTRY = new PluginRegistry();
    private static final Dataset DATA = Models.lowRank(320, 12, 5);
    /** 320 rows in batches of 32: 10 steps per epoch, 50 steps. */
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withBatchSize(32).withEpochs(5).withSeed(11);

    private static OrtBackend ort;

    @BeforeAll
    static void open() {
        ort = OrtTesting.backend();
    }

    @AfterAll
    static void close() {
        ort.close();
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("plain", spec(List.of(4), true, List.of(), null)),
                Arguments.of("kl-sparsity", spec(List.of(4), true, List.of("kl-sparsity:rho=0.1,beta=0.5"), null)),
                Arguments.of("masking corruption", spec(List.of(4), true, List.of(), "masking:level=0.3")),
                Arguments.of("contractive exact", spec(List.of(4), false, List.of("contractive:lambda=0.1,mode=exact"),
                        null)),
                Arguments.of("stacked 2-layer", spec(List.of(6, 3), false, List.of(), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fiftyAdamStepsMatchTheReferenceBackend(String name, AutoencoderSpec spec) {
        compare(name + " vs reference", train(new ReferenceBackend(), spec), train(ort, spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fiftyAdamStepsMatchTheCpuBackend(String name, AutoencoderSpec spec) {
        try (Backend cpu = REGISTRY.backend("cpu").createFromOptions(Map.of())) {
            compare(name + " vs cpu", train(cpu, spec), train(ort, spec));
        }
    }

    private static Autoencoder train(Backend backend, AutoencoderSpec spec) {
        return new Trainer(backend).fit(spec, DATA, CONFIG).model();
    }

    static void compare(String what, Autoencoder other, Autoencoder ortModel) {
        assertEquals(other.parameterNames(), ortModel.parameterNames(), what);
        compareMaps(what, other.parameters(), ortModel.parameters());
        compareMaps(what + ", optimizer state", other.optimizerState(), ortModel.optimizerState());
    }

    private static void compareMaps(String what, Map<String, float[]> want, Map<String, float[]> got) {
        assertEquals(want.keySet(), got.keySet(), what);
        for (Map.Entry<String, float[]> e : want.entrySet()) {
            float[] w = e.getValue();
            float[] g = got.get(e.getKey());
            for (int i = 0; i < w.length; i++) {
                double err = Math.abs(g[i] - w[i]);
                if (!(err <= TOLERANCE * Math.max(Math.abs(w[i]), 1e-2))) {
                    throw new AssertionError(what + ": " + e.getKey() + "[" + i + "]: expected " + w[i] + ", got "
                            + g[i] + " (error " + err + ")");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static AutoencoderSpec spec(List<Integer> units, boolean bce, List<String> regularizers, String corruption) {
        List<Component<Regularizer>> regs = regularizers.stream()
                .map(s -> REGISTRY.create(PluginKind.REGULARIZER, Regularizer.class, s)).toList();
        Component<Corruption> c = corruption == null ? null
                : REGISTRY.create(PluginKind.CORRUPTION, Corruption.class, corruption);
        return Models.dense(units, bce, regs, c);
    }
}
