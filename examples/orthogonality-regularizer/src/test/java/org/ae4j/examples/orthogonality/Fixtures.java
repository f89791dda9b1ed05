package org.ae4j.examples.orthogonality;

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
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.util.Rng;

/** Small models and generated data for the tests, built from core's public API only. */
final class Fixtures {
    private Fixtures() {
    }

    /** A one-layer sigmoid autoencoder with a mirrored dense decoder, squared error and Adam(lr 0.05). */
    static AutoencoderSpec plainSpec(int code) {
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(code), List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
        return new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null,
                new Adam(0.05, 0.9, 0.999, 1e-8));
    }

    /** The same model with the regularizer created, as a user would, from a spec string. */
    static AutoencoderSpec withOrthogonality(int code, String userSpec) {
        return plainSpec(code).withRegularizer(
                new PluginRegistry().create(PluginKind.REGULARIZER, Regularizer.class, userSpec));
    }

    /** rows × d values in [0,1] near a 2-D subspace, so an autoencoder can learn them. */
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

    /** ‖WᵀW − I‖²_F for a row-major W of shape [in, k], in plain Java. */
    static double orthogonalityDefect(double[] w, int in, int k) {
        double s = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double g = 0;
                for (int i = 0; i < in; i++) {
                    g += w[i * k + a] * w[i * k + b];
                }
                double e = g - (a == b ? 1 : 0);
                s += e * e;
            }
        }
        return s;
    }
}
