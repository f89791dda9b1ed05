package org.ae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ae4j.core.model.Autoencoder;

/**
 * The one place the command writes and reads model files. Every command goes through this interface, so the
 * file format (ONNX: {@link OnnxModelFiles}) plugs in here and nowhere else. Callers write through
 * {@link OutputFiles}, so {@link #save} always writes a fresh temporary file that is renamed over the target
 * only when everything succeeded.
 */
interface ModelFiles {
    /**
     * Writes a model and string metadata (resolved configuration, training history, data; keys {@code ae4j.*})
     * to {@code file}: a fresh, empty temporary file that the caller renames over the real target afterwards.
     */
    void save(Autoencoder model, Path file, Map<String, String> metadata) throws IOException;

    /** Reads a model file written by {@link #save}. */
    ModelFile load(Path file) throws IOException;

    /**
     * Writes one part of a model (as {@link #save} does for the whole one) to {@code file}, a fresh temporary file.
     *
     * @param part {@code full}, {@code encoder} or {@code decoder}
     */
    default void export(Autoencoder model, String part, Path file, Map<String, String> metadata) throws IOException {
        throw unsupported();
    }

    /** False when this build cannot read or write model files, so commands can fail before doing any work. */
    default boolean available() {
        return true;
    }

    /**
     * A model as read back, with the metadata saved beside it.
     *
     * @param model the model, normalization included
     * @param metadata what {@link #save} was given
     */
    record ModelFile(Autoencoder model, Map<String, String> metadata) {
        public ModelFile {
            metadata = Map.copyOf(metadata);
        }
    }

    /** Metadata key: the resolved configuration of the training run (JSON object of option name to value). */
    String CONFIG = "ae4j.config";
    /** Metadata key: the training history (JSON array of per-epoch metrics). */
    String HISTORY = "ae4j.history";
    /** Metadata key: the training data's source. */
    String DATA = "ae4j.data";
    /** Metadata key: the ae4j version that wrote the file. */
    String VERSION = "ae4j.version";
    /**
     * Metadata key: the anomaly threshold of {@code ae4j score}, a per-row reconstruction error (in the model's
     * normalized units) calibrated on the training rows.
     */
    String THRESHOLD = "ae4j.threshold";
    /** Metadata key: the percentile of the training rows' scores that {@link #THRESHOLD} is (e.g. {@code 99}). */
    String THRESHOLD_PERCENTILE = "ae4j.threshold_percentile";
    /** Metadata key: the number of training rows the threshold was calibrated on. */
    String THRESHOLD_ROWS = "ae4j.threshold_rows";

    /** A stand-in that cannot read or write models (for tests): every call fails with one clear message. */
    static ModelFiles unavailable() {
        return new ModelFiles() {
            @Override
            public void save(Autoencoder model, Path file, Map<String, String> metadata) {
                throw unsupported();
            }

            @Override
            public ModelFile load(Path file) {
                throw unsupported();
            }

            @Override
            public boolean available() {
                return false;
            }
        };
    }

    /** The error every model-file operation gives where model files are unavailable. */
    static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("model files are not available in this build; it cannot save or"
                + " load models (use 'ae4j train --eval' / '--report' to evaluate in the same run)");
    }
}
