package org.ae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.ae4j.core.model.Autoencoder;

/** A stand-in for the ONNX model files: each saved file holds a key to a model kept in memory. */
final class InMemoryModelFiles implements ModelFiles {
    private final Map<String, ModelFile> models = new HashMap<>();
    boolean failOnSave;

    @Override
    public void save(Autoencoder model, Path file, Map<String, String> metadata) throws IOException {
        Files.writeString(file, "partial");
        if (failOnSave) {
            throw new IOException(file + ": disk full (simulated)");
        }
        String key = UUID.randomUUID().toString();
        models.put(key, new ModelFile(model, metadata));
        Files.writeString(file, key);
    }

    @Override
    public ModelFile load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        ModelFile m = models.get(Files.readString(file));
        if (m == null) {
            throw new IOException(file + ": not a model file");
        }
        return m;
    }
}
