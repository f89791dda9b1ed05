package org.ae4j.core.train;

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
import org.ae4j.core.optim.Optimizer;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.util.Rng;

/** Small generated data and models for training tests. */
final class TestData {
    private TestData() {
    }

    /** rows × d values in [0,1] that lie near a 2-D subspace, so an autoencoder can learn them. */
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
                v[r * d + j] = (float) (0.5 * (a * basis[j] + b * basis[d + j]) + 0.01 * rng.nextGaussian());
            }
        }
        return new Dataset("generated", v, rows, d);
    }

    static AutoencoderSpec spec(int code, Activation act, Optimizer opt) {
        return spec(code, act, Activation.SIGMOID, opt);
    }

    static AutoencoderSpec spec(int code, Activation act, Activation out, Optimizer opt) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(code), List.of(act));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(act), out, true);
        return new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null, opt);
    }

    static AutoencoderSpec spec() {
        return spec(3, Activation.SIGMOID, new Adam(0.05, 0.9, 0.999, 1e-8));
    }
}
