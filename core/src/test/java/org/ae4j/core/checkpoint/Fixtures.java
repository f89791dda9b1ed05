package org.ae4j.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.util.Rng;

/** Small data, models and checkpoints for the checkpoint tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A test-only masking corruption: each feature zeroed with probability level, drawn from the noise Rng. */
    public record MaskConfig(double level) {
    }

    /** The corruption for {@link MaskConfig}. */
    public static final class TestMask implements Corruption {
        private final double level;

        TestMask(double level) {
            this.level = level;
        }

        @Override
        public Node apply(Node x, CorruptionContext context) {
            return Ops.mul(x, context.noise("test-mask.mask", x.shape(), (rng, dst) -> {
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = rng.nextDouble() < level ? 0f : 1f;
                }
            }));
        }
    }

    /** rows × d values in [0,1] near a 2-D subspace. */
    public static Dataset lowRank(int rows, int d, long seed) {
        Rng rng = new Rng(seed);
        float[] basis = new float[2 * d];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = (float) rng.nextDouble();
        }
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                v[r * d + j] = (float) (0.5 * (a * basis[j] + b * basis[d + j]) + 0.01 * rng.nextGaussian());
            }
        }
        return new Dataset("generated", v, rows, d);
    }

    /** A dense 3-unit sigmoid autoencoder trained by Adam. */
    public static AutoencoderSpec plainSpec() {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(3), List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID,
                true);
        return new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null,
                new Adam(0.05, 0.9, 0.999, 1e-8));
    }

    /** The same model, denoising: its masks come from the trainer's noise generator. */
    public static AutoencoderSpec maskedSpec() {
        MaskConfig c = new MaskConfig(0.3);
        return plainSpec().withCorruption(new Component<>("test-mask", c, new TestMask(c.level())));
    }

    /** A checkpoint with a value of every kind, including NaN, −0 and extreme floats. */
    public static Checkpoint sample() {
        Map<String, float[]> params = new LinkedHashMap<>();
        params.put("encoder.0.w", new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, -3.25f});
        params.put("encoder.0.b", new float[] {0.125f, Float.NEGATIVE_INFINITY});
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("step", new float[] {7f});
        state.put("encoder.0.w.m", new float[] {1e-30f, 2e30f, 3, 4, 5, 6});
        Map<String, Double> pen = new LinkedHashMap<>();
        pen.put("kl-sparsity", 0.25);
        pen.put("weight-decay", 1e-9);
        List<EpochMetrics> history = List.of(
                new EpochMetrics(1, 0.5, 0.4, pen, Double.NaN, 1.25, 480),
                new EpochMetrics(2, 0.3, 0.2, Map.of("kl-sparsity", 0.05, "weight-decay", 0.0), 0.31, 1.5, 400));
        Checkpoint.Best best = new Checkpoint.Best(2, 0.31, 0, Map.of("encoder.0.w", new float[] {9, 8, 7, 6, 5, 4},
                "encoder.0.b", new float[] {1, 2}), Map.of("step", new float[] {6f}));
        return new Checkpoint("encoder dense:units=3; décodeur ✓", TrainingConfig.defaults().withBatchSize(16)
                .withValidation(0.25, 3, 0.001), "reference executor", new Checkpoint.DataFingerprint(60, 6, 0xCAFEBABEL),
                3, new Normalization(Normalization.Kind.MIN_MAX, new float[] {0, 1, 2}, new float[] {1, 0.5f, 0.25f}),
                params, state, new Checkpoint.Position(2, 3, 15, false), 0x1234_5678_9ABC_DEF0L, -42L,
                new int[] {4, 0, 3, 1, 2}, new Checkpoint.EpochSoFar(7.5, 6.5, pen, 48, 0.125, 0.75), history, best);
    }
}
