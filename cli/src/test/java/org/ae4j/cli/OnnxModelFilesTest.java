package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ae4j.backend.ort.ModelPart;
import org.ae4j.backend.ort.OnnxModelException;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.backend.ort.OnnxModelInfo;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelFilesTest {
    @TempDir
    Path dir;

    private static Autoencoder model() {
        ModelOptions o = new ModelOptions();
        o.layers = java.util.List.of(16);
        o.activation = "sigmoid";
        o.outputActivation = "sigmoid";
        o.loss = "squared-error";
        o.optimizer = "adam:lr=1e-3";
        return Autoencoder.initialize(o.spec(new PluginRegistry()), 784, 7)
                .withNormalization(Normalization.fit(Normalization.Kind.MIN_MAX, Datasets.source("embedded")
                        .load(Split.TRAIN, 100)));
    }

    @Test
    void aSavedModelLoadsBackWithItsParametersNormalizationAndMetadata() throws Exception {
        Autoencoder m = model();
        Path f = dir.resolve("m.onnx");
        OnnxModelFiles files = new OnnxModelFiles();
        files.save(m, f, Map.of(ModelFiles.CONFIG, "{\"layers\":[16]}", ModelFiles.THRESHOLD, "1.5"));
        ModelFiles.ModelFile back = files.load(f);
        assertEquals(m.parameterNames(), back.model().parameterNames());
        for (String p : m.parameterNames()) {
            assertArrayEquals(m.parameter(p), back.model().parameter(p), p);
        }
        assertEquals(m.normalization(), back.model().normalization());
        assertEquals(Map.of(ModelFiles.CONFIG, "{\"layers\":[16]}", ModelFiles.THRESHOLD, "1.5"), back.metadata());
    }

    @Test
    void metadataIsStoredAsTheFilesProvenance() throws Exception {
        Path f = dir.resolve("m.onnx");
        new OnnxModelFiles().save(model(), f, Map.of(ModelFiles.THRESHOLD, "2.5"));
        OnnxModelInfo info = OnnxModelIO.info(f);
        assertEquals("2.5", info.metadata().get("ae4j.provenance.threshold"));
        assertEquals(ModelPart.FULL, info.part());
    }

    @Test
    void metadataKeysMustBeAe4jKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> new OnnxModelFiles().save(model(), dir.resolve("m.onnx"), Map.of("threshold", "1")));
    }

    @Test
    void aFileThatIsNotAModelFailsNamingTheFile() throws Exception {
        Path f = dir.resolve("junk.onnx");
        Files.writeString(f, "not onnx");
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> new OnnxModelFiles().load(f));
        assertEquals(f, e.path());
    }
}
