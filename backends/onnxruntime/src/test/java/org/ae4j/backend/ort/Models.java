package org.ae4j.backend.ort;

import java.util.List;
import org.ae4j.core.data.Dataset;
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
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.util.Rng;

/** Models and data for the ORT backend tests, built from core's dense encoder and decoder. */
final class Models {
    static final Adam ADAM = new Adam(0.01, 0.9, 0.999, 1e-8);

    private Models() {
    }

    /** A dense sigmoid autoencoder with the given encoder widths, mirrored decoder and sigmoid output. */
    static AutoencoderSpec dense(List<Integer> units, boolean bce, List<Component<Regularizer>> regularizers,
                                 Component<Corruption> corruption) {
        DenseEncoderConfig ec = new DenseEncoderConfig(units, List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
        return new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)),
                bce ? Loss.BINARY_CROSS_ENTROPY : Loss.SQUARED_ERROR, regularizers, corruption, ADAM);
    }

    /** rows × d values in [0,1] near a 2-D subspace, so small autoencoders can learn them. */
    static Dataset lowRank(int rows, int d, long seed) {
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
                double x = 0.5 * (a * basis[j] + b * basis[d + j]) + 0.02 * rng.nextGaussian();
                v[r * d + j] = (float) Math.min(1, Math.max(0, x));
            }
        }
        return new Dataset("generated low-rank", v, rows, d);
    }
}
