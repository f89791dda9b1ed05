package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ae4j.backend.ort.LoadedModel;
import org.ae4j.backend.ort.ModelPart;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.registry.PluginRegistry;

/**
 * Model files as standard ONNX ({@link OnnxModelIO}): the command's metadata ({@code ae4j.config},
 * {@code ae4j.threshold}, ...) is stored as the file's provenance, {@code ae4j.X} under the ONNX metadata key
 * {@code ae4j.provenance.X}, and read back under its own name.
 */
final class OnnxModelFiles implements ModelFiles {
    private static final String PREFIX = "ae4j.";
    private PluginRegistry registry;

    @Override
    public void save(Autoencoder model, Path file, Map<String, String> metadata) {
        OnnxModelIO.save(model, ModelPart.FULL, file, provenance(metadata));
    }

    @Override
    public ModelFile load(Path file) {
        LoadedModel m = OnnxModelIO.read(file, registry());
        Map<String, String> meta = new LinkedHashMap<>();
        m.info().provenance().forEach((k, v) -> meta.put(PREFIX + k, v));
        return new ModelFile(m.model(), meta);
    }

    @Override
    public void export(Autoencoder model, String part, Path file, Map<String, String> metadata) {
        OnnxModelIO.save(model, ModelPart.parse(part), file, provenance(metadata));
    }

    /** {@code ae4j.X} → {@code X}: the exporter stores provenance under {@code ae4j.provenance.}. */
    static Map<String, String> provenance(Map<String, String> metadata) {
        Map<String, String> p = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!k.startsWith(PREFIX) || k.length() == PREFIX.length()) {
                throw new IllegalArgumentException("model metadata: expected keys 'ae4j.<name>', got '" + k + "'");
            }
            p.put(k.substring(PREFIX.length()), v);
        });
        return p;
    }

    private synchronized PluginRegistry registry() {
        if (registry == null) {
            registry = new PluginRegistry();
        }
        return registry;
    }
}
