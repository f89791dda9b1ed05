package org.ae4j.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.util.Rng;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** With identity activations and squared error, the optimum spans the top-k principal subspace (Baldi &amp; Hornik). */
class LinearAutoencoderPcaTest {
    private static final int N = 400;
    private static final int D = 6;
    private static final int K = 2;

    @Test
    void learnedDecoderSpansTheTopPrincipalSubspace() {
        // Data with a clear spectrum: standard deviations 3, 2, 0.5, 0.3, 0.2, 0.1 along a random rotation, plus a mean.
        Rng rng = new Rng(11);
        double[] sd = {3, 2, 0.5, 0.3, 0.2, 0.1};
        RealMatrix rot = new SingularValueDecomposition(randomMatrix(rng, D, D)).getU();
        float[] v = new float[N * D];
        for (int r = 0; r < N; r++) {
            double[] z = new double[D];
            for (int j = 0; j < D; j++) {
                z[j] = sd[j] * rng.nextGaussian();
            }
            double[] x = rot.operate(z);
            for (int j = 0; j < D; j++) {
                v[r * D + j] = (float) (x[j] + 1.0 + 0.5 * j);
            }
        }
        Dataset data = new Dataset("spectrum", v, N, D);

        // PCA by SVD of the centred data.
        double[][] centred = new double[N][D];
        double[] mean = new double[D];
        for (int r = 0; r < N; r++) {
            for (int j = 0; j < D; j++) {
                mean[j] += v[r * D + j] / (double) N;
            }
        }
        for (int r = 0; r < N; r++) {
            for (int j = 0; j < D; j++) {
                centred[r][j] = v[r * D + j] - mean[j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(centred));
        double[] s = svd.getSingularValues();
        double discarded = 0;
        for (int i = K; i < D; i++) {
            discarded += s[i] * s[i] / N;
        }
        RealMatrix top = svd.getV().getSubMatrix(0, D - 1, 0, K - 1);

        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(K), List.of(Activation.IDENTITY));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.IDENTITY, true);
        AutoencoderSpec spec = new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null,
                new Adam(0.02, 0.9, 0.999, 1e-8));
        Trainer trainer = new Trainer(new ReferenceBackend());
        TrainingConfig full = TrainingConfig.defaults().withBatchSize(N).withShuffle(false);
        Autoencoder m = trainer.fit(spec, data, full.withEpochs(1500)).model();
        m = trainer.fit(m.withSpec(spec.withOptimizer(new Adam(0.002, 0.9, 0.999, 1e-8))), data,
                full.withEpochs(1500)).model();

        // Decoder weight [K, D]: its rows span the learned subspace.
        float[] w = m.parameter("decoder.0.weight");
        double[][] cols = new double[D][K];
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < D; j++) {
                cols[j][k] = w[k * D + j];
            }
        }
        RealMatrix learned = new SingularValueDecomposition(new Array2DRowRealMatrix(cols)).getU();
        // Principal angles: arccos of the singular values of topᵀ·learned; the largest uses the smallest one.
        double[] cosines = new SingularValueDecomposition(top.transpose().multiply(learned)).getSingularValues();
        double largestAngle = Math.acos(Math.min(1.0, cosines[cosines.length - 1]));
        double error = m.loss(trainer.backend(), data);
        System.out.printf("linear AE vs PCA: largest principal angle %.2e rad, reconstruction error %.6f,"
                + " discarded eigenvalues %.6f%n", largestAngle, error, discarded);
        assertTrue(largestAngle < 1e-2, "largest principal angle " + largestAngle);
        assertTrue(Math.abs(error - discarded) <= 0.01 * discarded, "error " + error + " vs " + discarded);
    }

    private static RealMatrix randomMatrix(Rng rng, int r, int c) {
        double[][] a = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        return new Array2DRowRealMatrix(a);
    }
}
