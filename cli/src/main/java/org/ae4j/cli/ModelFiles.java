package org.ae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ae4j.core.model.Autoencoder;

/**
 * The one place the command writes and reads model files. Every command goes through this interface, so the
 * file format (ONNX, from the ONNX module) plugs in here and nowhere else. Callers write through
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

    /** What this build has until the ONNX module arrives: every call fails with one clear message. */
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

    /** The error every model-file operation gives in a build without the ONNX module. */
    static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("model files arrive with the ONNX module; this build cannot save or"
                + " load models yet (use 'ae4j train --eval' / '--report' to evaluate in the same run)");
    }
}
