package org.ae4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugins inside the core training loop, on the reference backend, with small generated data. */
class TrainingWithPluginsTest {
    private static final int D = 8;
    private static final List<Integer> UNITS = List.of(6, 3);
    private static final List<Activation> ACTS = List.of(Activation.TANH, Activation.SIGMOID);
    private static final Trainer TRAINER = new Trainer(new ReferenceBackend());
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withBatchSize(16).withEpochs(12);
    private static final Dataset DATA = lowRank(60, D, 1);

    private static AutoencoderSpec spec(List<Component<Regularizer>> regularizers, Component<Corruption> corruption) {
        return Models.spec(UNITS, ACTS, regularizers, corruption).withOptimizer(new Adam(0.02, 0.9, 0.999, 1e-8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kl-sparsity", "l1-activity", "weight-decay", "contractive",
        "contractive:mode=stochastic,probes=2", "contractive:mode=higher-order,probes=2"})
    void trainingWithRegularizerLowersTheObjective(String regularizer) {
        TrainingResult r = TRAINER.fit(spec(List.of(Models.regularizer(regularizer)), null), DATA, CONFIG);

        assertFinishedLower(r);
        String name = regularizer.split(":")[0];
        assertTrue(r.history().stream().allMatch(m -> Double.isFinite(m.penalties().get(name))), "penalty reported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian:sigma=0.1,clip=true", "masking:level=0.2", "salt-and-pepper:level=0.1"})
    void trainingWithCorruptionLowersTheObjective(String corruption) {
        TrainingResult r = TRAINER.fit(spec(List.of(), Models.corruption(corruption)), DATA, CONFIG);

        assertFinishedLower(r);
    }

    @Test
    void contractiveTrainingShrinksTheEncoderJacobian() {
        Autoencoder plain = TRAINER.fit(spec(List.of(), null), DATA, CONFIG).model();
        Autoencoder contractive = TRAINER.fit(spec(List.of(Models.regularizer("contractive:lambda=1")), null), DATA,
                CONFIG).model();

        double before = jacobianNorm(plain);
        double after = jacobianNorm(contractive);
        assertTrue(after < 0.5 * before, "mean ||J||^2 without " + before + ", with contractive " + after);
    }

    @Test
    void klSparsityPullsMeanCodeActivationTowardsRho() {
        Autoencoder plain = TRAINER.fit(spec(List.of(), null), DATA, CONFIG).model();
        Autoencoder sparse = TRAINER.fit(spec(List.of(Models.regularizer("kl-sparsity:rho=0.05,beta=3")), null), DATA,
                CONFIG).model();

        double before = meanCode(plain);
        double after = meanCode(sparse);
        assertTrue(Math.abs(after - 0.05) < 0.5 * Math.abs(before - 0.05),
                "mean code without " + before + ", with kl-sparsity " + after);
    }

    private static void assertFinishedLower(TrainingResult r) {
        for (EpochMetrics m : r.history()) {
            assertTrue(Double.isFinite(m.loss()), "epoch " + m.epoch() + " loss " + m.loss());
        }
        assertTrue(r.last().loss() < r.history().get(0).loss(),
                "first " + r.history().get(0).loss() + ", last " + r.last().loss());
    }

    /** (1/rows) Σ ‖J_f(x)‖²_F over the data, from the exact contractive penalty with λ = 1. */
    private static double jacobianNorm(Autoencoder model) {
        ModelGraph g = Models.withRegularizer(UNITS, ACTS, "contractive:lambda=1", D, DATA.rows());
        return Models.scalar(Models.onlyPenalty(g), Models.feeds(g, values(DATA), parameters(model), Map.of()));
    }

    private static double meanCode(Autoencoder model) {
        float[] codes = model.encode(new ReferenceBackend(), DATA);
        double s = 0;
        for (float c : codes) {
            s += c;
        }
        return s / codes.length;
    }

    private static Map<String, double[]> parameters(Autoencoder model) {
        Map<String, double[]> out = new HashMap<>();
        model.parameters().forEach((name, v) -> {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            out.put(name, d);
        });
        return out;
    }

    private static double[] values(Dataset data) {
        float[] v = data.values();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** rows × d values in [0, 1] near a 2-D subspace. */
    private static Dataset lowRank(int rows, int d, long seed) {
        Rng rng = new Rng(seed);
        List<double[]> basis = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double[] b = new double[d];
            for (int j = 0; j < d; j++) {
                b[j] = rng.nextDouble();
            }
            basis.add(b);
        }
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                double x = 0.5 * (a * basis.get(0)[j] + b * basis.get(1)[j]) + 0.01 * rng.nextGaussian();
                v[r * d + j] = (float) Math.min(1, Math.max(0, x));
            }
        }
        return new Dataset("generated", v, rows, d);
    }
}
