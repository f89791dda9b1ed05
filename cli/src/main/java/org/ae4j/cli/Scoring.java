package org.ae4j.cli;

import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.spi.Backend;

/** Running a model over data: scores, and the chunking that streams data larger than memory. */
final class Scoring {
    /**
     * Rows per chunk of streamed data ({@code encode}, {@code reconstruct}, {@code score}): a multiple of
     * {@link Inference#BATCH}, so the batches, and so the values, are those of one run over all rows. One batch:
     * a chunk of 784 features is then 0.8 MB, below what G1 allocates as a humongous object with its default
     * regions, so chunks die young. Chunks of 8,192 rows (25 MB each) were humongous: the concurrent cycles they
     * started took a core from the scoring threads, and scoring 70,000 rows in memory at batch 256 took 0.48–1.1 s
     * against 0.37–0.40 s with chunks of 256 rows (alternating runs of the bench's CLI path).
     */
    static final int CHUNK = Inference.BATCH;

    private Scoring() {
    }

    /**
     * Every row's score (reconstruction error Σ_i (x_i − x̂_i)², normalized units): only the scores are computed
     * and kept, so memory is one float a row beside the data.
     */
    static float[] scores(Autoencoder model, Backend backend, Dataset raw) {
        checkWidth(model, raw, "the model");
        return Inference.run(model, backend, raw, Inference.Output.SCORE).scores();
    }

    /** Fails with one line when the data's width is not the model's. */
    static void checkWidth(Autoencoder model, Dataset data, Object modelName) {
        checkWidth(model, data.cols(), data.source(), modelName);
    }

    /** Fails with one line when {@code cols} is not the model's input width. */
    static void checkWidth(Autoencoder model, int cols, String source, Object modelName) {
        if (cols != model.inputDim()) {
            throw new IllegalArgumentException(modelName + " expects rows of " + model.inputDim() + " features, but "
                    + source + " has " + cols + " columns");
        }
    }

    /** Reconstructions back in the data's units: the inverse of the model's normalization, in place. */
    static void denormalize(Autoencoder model, float[] values, int rows) {
        if (model.normalization().isIdentity()) {
            return;
        }
        float[] shift = model.normalization().shift();
        float[] scale = model.normalization().scale();
        int d = shift.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                int i = r * d + j;
                values[i] = scale[j] == 0 ? shift[j] : values[i] / scale[j] + shift[j];
            }
        }
    }
}
