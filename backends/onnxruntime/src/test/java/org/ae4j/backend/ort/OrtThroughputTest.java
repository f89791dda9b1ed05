package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
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
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import org.ae4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Training throughput of a C1-like model (784-256-784, sigmoid, binary cross-entropy, Adam, batch 128) on the
 * test device. A measurement, not a check: it runs only with {@code -Dae4j.ort.throughput=true} (scripts/gpu-check.sh
 * sets it) and prints one line. Uses Fashion-MNIST from /usr/share/datasets/fashion-mnist (Debian package
 * dataset-fashion-mnist) when present, else generated data of the same shape.
 */
@EnabledIfSystemProperty(named = "ae4j.ort.throughput", matches = "true")
class OrtThroughputTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    private static final int ROWS = 128 * 100;
    private static final int BATCH = 128;

    @Test
    void printsTrainingRowsPerSecondOfA784x256x784Model() throws IOException {
        Dataset data = Files.isReadable(FASHION) ? fashion(ROWS) : generated(ROWS, 784);
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(256), List.of(Activation.SIGMOID));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(Activation.SIGMOID), Activation.SIGMOID, true);
        AutoencoderSpec spec = new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.BINARY_CROSS_ENTROPY, List.of(), null,
                Adam.defaults());
        int epochs = Integer.getInteger("ae4j.ort.throughput.epochs", 3);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(BATCH).withEpochs(epochs).withSeed(1);
        try (OrtBackend backend = OrtTesting.backend()) {
            TrainingResult r = new Trainer(backend).fit(spec, data, config);
            // The first epoch includes warm-up (session creation, first-run allocations); report the best.
            double best = r.history().stream().mapToDouble(EpochMetrics::rowsPerSecond).max().orElse(0);
            System.out.printf(java.util.Locale.ROOT,
                    "ae4j-ort-throughput: %s | 784-256-784 sigmoid, BCE, Adam, batch %d, %s: %.0f rows/s (%.1f steps/s),"
                            + " final loss %.4f%n",
                    backend.describe(), BATCH, data.source(), best, best / BATCH, r.last().loss());
            assertTrue(best > 0 && Double.isFinite(r.last().loss()));
        }
    }

    private static Dataset fashion(int rows) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FASHION));
             DataInputStream d = new DataInputStream(in)) {
            int magic = d.readInt();
            int n = d.readInt();
            int h = d.readInt();
            int w = d.readInt();
            if (magic != 0x803 || h * w != 784) {
                throw new IOException(FASHION + ": expected an IDX file of 28x28 images, got magic " + magic);
            }
            int take = Math.min(rows, n);
            byte[] raw = new byte[take * 784];
            d.readFully(raw);
            float[] v = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                v[i] = (raw[i] & 0xff) / 255f;
            }
            return new Dataset("Fashion-MNIST (first " + take + " rows)", v, take, 784);
        }
    }

    private static Dataset generated(int rows, int d) {
        Rng rng = new Rng(3);
        float[] v = new float[rows * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        return new Dataset("generated data (" + rows + "x" + d + ", Fashion-MNIST absent)", v, rows, d);
    }
}
