package org.ae4j.regularizers.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.LoggingListener;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.util.Rng;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The characteristic effect of each regularizer on full Fashion-MNIST (Debian's dataset-fashion-mnist; .ci/run
 * installs it). One-layer 784-64-784 sigmoid models trained with the same seed, architecture and budget.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionMnistEffectsSystemTest {
    private static final int EPOCHS = 5;
    /** Epochs for the KL model (at Adam lr 5e-3): ρ̂ moves towards ρ more slowly than the reconstruction improves. */
    private static final int KL_EPOCHS = 10;
    private final PluginRegistry registry = new PluginRegistry();
    private Backend backend;
    private Dataset train;
    private Dataset test;
    private Autoencoder plain;

    @BeforeAll
    void trainPlain() {
        train = Datasets.load("fashion-mnist", Split.TRAIN);
        test = Datasets.load("fashion-mnist", Split.TEST);
        backend = registry.backend("cpu").createFromOptions(java.util.Map.of());
        plain = train(spec(List.of(), null), "plain");
    }

    private AutoencoderSpec spec(List<String> regularizers, String corruption) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(64), List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.SIGMOID, true);
        Component<Encoder> enc = new Component<>("dense", ec, registry.encoder("dense").createUnchecked(ec));
        Component<Decoder> dec = new Component<>("dense", dc, registry.decoder("dense").createUnchecked(dc));
        List<Component<Regularizer>> regs = regularizers.stream()
                .map(r -> registry.create(PluginKind.REGULARIZER, Regularizer.class, r)).toList();
        Component<Corruption> corr = corruption == null ? null
                : registry.create(PluginKind.CORRUPTION, Corruption.class, corruption);
        return new AutoencoderSpec(enc, dec, Loss.SQUARED_ERROR, regs, corr, new Adam(1e-3, 0.9, 0.999, 1e-8));
    }

    private Autoencoder train(AutoencoderSpec spec, String label) {
        return train(spec, label, EPOCHS);
    }

    private Autoencoder train(AutoencoderSpec spec, String label, int epochs) {
        System.out.println("== " + label + " (" + epochs + " epochs): " + spec.describe());
        return new Trainer(backend).fit(spec, train, TrainingConfig.defaults().withEpochs(epochs),
                new org.ae4j.core.train.TrainingListener() {
                    @Override
                    public void onEpoch(org.ae4j.core.train.EpochMetrics m) {
                        System.out.println("   " + LoggingListener.format(m));
                    }
                }).model();
    }

    private double meanActivation(Autoencoder m) {
        float[] codes = m.encode(backend, test);
        double s = 0;
        for (float c : codes) {
            s += c;
        }
        return s / codes.length;
    }

    /** Mean over test rows of ‖J_f(x)‖_F for a one-layer sigmoid encoder: √(Σ_j (h_j(1−h_j))² Σ_i W_ij²). */
    private double meanJacobianNorm(Autoencoder m) {
        float[] w = m.parameter("encoder.0.weight");
        int k = m.codeDim();
        int d = m.inputDim();
        double[] colSq = new double[k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                colSq[j] += (double) w[i * k + j] * w[i * k + j];
            }
        }
        float[] h = m.encode(backend, test);
        double total = 0;
        for (int r = 0; r < test.rows(); r++) {
            double f = 0;
            for (int j = 0; j < k; j++) {
                double hj = h[r * k + j];
                double ds = hj * (1 - hj);
                f += ds * ds * colSq[j];
            }
            total += Math.sqrt(f);
        }
        return total / test.rows();
    }

    /** Mean per-row squared error between the reconstruction of masked test images (ν=0.3) and the clean ones. */
    private double maskedReconstructionError(Autoencoder m) {
        float[] masked = test.values().clone();
        Rng rng = new Rng(7);
        for (int i = 0; i < masked.length; i++) {
            if (rng.nextDouble() < 0.3) {
                masked[i] = 0;
            }
        }
        float[] recon = m.reconstruct(backend, new Dataset("fashion-mnist test, masked", masked, test.rows(), test.cols()));
        double s = 0;
        for (int i = 0; i < recon.length; i++) {
            double e = recon[i] - test.values()[i];
            s += e * e;
        }
        return s / test.rows();
    }

    @Test
    void klSparseModelsMeanActivationEndsNearRhoWhilePlainDoesNot() {
        // rho-hat approaches rho slowly against the per-row-sum reconstruction term; a larger step gets there in 10 epochs.
        AutoencoderSpec spec = spec(List.of("kl-sparsity:rho=0.05,beta=3"), null)
                .withOptimizer(new Adam(5e-3, 0.9, 0.999, 1e-8));
        Autoencoder kl = train(spec, "kl-sparsity", KL_EPOCHS);
        double rhoKl = meanActivation(kl);
        double rhoPlain = meanActivation(plain);
        System.out.printf(Locale.ROOT, "RESULT mean code activation on test: kl-sparsity %.4f (%d epochs), plain %.4f"
                + " (%d epochs), rho 0.05%n", rhoKl, KL_EPOCHS, rhoPlain, EPOCHS);
        assertTrue(Math.abs(rhoKl - 0.05) < 0.02, "kl-sparsity mean activation " + rhoKl);
        assertTrue(Math.abs(rhoPlain - 0.05) >= 0.02, "plain mean activation " + rhoPlain);
    }

    @Test
    void denoisingModelReconstructsMaskedImagesBetterThanPlain() {
        Autoencoder dae = train(spec(List.of(), "masking:level=0.3"), "masking");
        double eDae = maskedReconstructionError(dae);
        double ePlain = maskedReconstructionError(plain);
        System.out.printf(Locale.ROOT, "RESULT masked (nu=0.3) test reconstruction error: masking %.3f, plain %.3f%n",
                eDae, ePlain);
        assertTrue(eDae < ePlain, "denoising " + eDae + " plain " + ePlain);
    }

    @Test
    void contractiveModelHasLowerMeanJacobianNormThanPlain() {
        Autoencoder cae = train(spec(List.of("contractive:lambda=0.1"), null), "contractive");
        double jCae = meanJacobianNorm(cae);
        double jPlain = meanJacobianNorm(plain);
        System.out.printf(Locale.ROOT, "RESULT mean ||J_f||_F on test: contractive %.4f, plain %.4f%n", jCae, jPlain);
        assertTrue(jCae < jPlain, "contractive " + jCae + " plain " + jPlain);
    }
}
