package org.ae4j.cli;

import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.spi.Backend;

/** Running a model over data in chunks, so the outputs of a large dataset are never all in memory at once. */
final class Scoring {
    /** Rows per chunk: large enough that compiling the inference program once per chunk does not matter. */
    static final int CHUNK = 8192;

    private Scoring() {
    }

    /** Every row's score (reconstruction error Σ_i (x_i − x̂_i)², normalized units). */
    static float[] scores(Autoencoder model, Backend backend, Dataset raw) {
        checkWidth(model, raw, "the model");
        float[] out = new float[raw.rows()];
        for (int from = 0; from < raw.rows(); from += CHUNK) {
            int to = Math.min(raw.rows(), from + CHUNK);
            Dataset chunk = from == 0 && to == raw.rows() ? raw : raw.slice(from, to);
            System.arraycopy(Inference.run(model, backend, chunk).scores(), 0, out, from, to - from);
        }
        return out;
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
