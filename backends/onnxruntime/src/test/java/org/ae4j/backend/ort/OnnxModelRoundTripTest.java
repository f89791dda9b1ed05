package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ae4j.backend.ort.ExportFixtures.Fixture;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Loss;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Export and import of ae4j models as ONNX: determinism, what a file holds, and what a loaded model can do. */
class OnnxModelRoundTripTest {
    private static final Map<String, String> PROVENANCE = Map.of("dataset", "generated low-rank", "seed", "7",
            "final.loss", "0.123", "config", "{\"epochs\": 3}");

    @TempDir
    Path dir;

    static Stream<Fixture> fixtures() {
        return ExportFixtures.all().stream();
    }

    static Stream<Arguments> parts() {
        return fixtures().flatMap(f -> Stream.of(ModelPart.values()).map(p -> Arguments.of(f, p)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("parts")
    void exportingTheSameModelTwiceGivesIdenticalBytes(Fixture f, ModelPart part) throws IOException {
        Path a = dir.resolve("a.onnx");
        Path b = dir.resolve("b.onnx");
        OnnxModelIO.save(f.model(), part, a, PROVENANCE);
        OnnxModelIO.save(f.model(), part, b, PROVENANCE);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void exportImportExportIsByteStable(Fixture f) throws IOException {
        Path first = dir.resolve("first.onnx");
        OnnxModelIO.save(f.model(), first, PROVENANCE);
        LoadedModel loaded = OnnxModelIO.read(first, ExportFixtures.REGISTRY);
        assertEquals(PROVENANCE, loaded.info().provenance());
        for (ModelPart part : ModelPart.values()) {
            Path a = dir.resolve("a." + part.optionName() + ".onnx");
            Path b = dir.resolve("b." + part.optionName() + ".onnx");
            OnnxModelIO.save(f.model(), part, a, PROVENANCE);
            OnnxModelIO.save(loaded.model(), part, b, loaded.info().provenance());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), part.optionName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importRestoresSpecParametersAndNormalization(Fixture f) {
        Path file = dir.resolve("m.onnx");
        OnnxModelIO.save(f.model(), file, PROVENANCE);
        Autoencoder back = OnnxModelIO.load(file, ExportFixtures.REGISTRY);
        assertEquals(f.model().spec().describe(), back.spec().describe());
        assertEquals(f.model().inputDim(), back.inputDim());
        assertEquals(f.model().normalization(), back.normalization());
        assertEquals(f.model().parameterNames(), back.parameterNames());
        for (String name : f.model().parameterNames()) {
            assertArrayEquals(f.model().parameter(name), back.parameter(name), name);
        }
        assertTrue(back.optimizerState().isEmpty(), "optimizer state is not part of the format");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aLoadedModelScoresLikeTheOriginal(Fixture f) {
        Path file = dir.resolve("m.onnx");
        OnnxModelIO.save(f.model(), file, Map.of());
        Autoencoder back = OnnxModelIO.load(file, ExportFixtures.REGISTRY);
        Backend ref = new ReferenceBackend();
        assertArrayEquals(f.model().encode(ref, f.test()), back.encode(ref, f.test()));
        assertArrayEquals(f.model().score(ref, f.test()), back.score(ref, f.test()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aLoadedModelContinuesTrainingAndItsLossKeepsFalling(Fixture f) {
        Path file = dir.resolve("m.onnx");
        OnnxModelIO.save(f.model(), file, Map.of());
        Autoencoder back = OnnxModelIO.load(file, ExportFixtures.REGISTRY);
        try (Backend cpu = ExportFixtures.cpu()) {
            double before = back.loss(cpu, f.train());
            assertEquals(f.model().loss(cpu, f.train()), before, 0, "the loaded model starts where the original ended");
            TrainingConfig config = TrainingConfig.defaults().withEpochs(6).withBatchSize(20).withSeed(8);
            TrainingResult result = new Trainer(cpu).fit(back, f.train(), config);
            List<EpochMetrics> history = result.history();
            double after = result.model().loss(cpu, f.train());
            assertTrue(after < before, f + ": reconstruction loss " + before + " -> " + after + " after more training");
            assertTrue(history.get(history.size() - 1).loss() < history.get(0).loss(),
                    f + ": training loss by epoch " + history.stream().map(EpochMetrics::loss).toList());
        }
    }

    @Test
    void metadataHoldsTheSpecNormalizationAndProvenanceSortedByKey() throws IOException {
        Fixture f = ExportFixtures.named("relu 2-layer");
        Path file = dir.resolve("m.onnx");
        OnnxModelIO.save(f.model(), file, PROVENANCE);
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(file));
        List<String> keys = m.getMetadataPropsList().stream().map(StringStringEntryProto::getKey).toList();
        assertEquals(keys.stream().sorted().toList(), keys);
        Map<String, String> meta = new TreeMap<>();
        m.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("ae4j.format", "1"),
                Map.entry("ae4j.part", "full"),
                Map.entry("ae4j.version", OnnxModelFormat.ae4jVersion()),
                Map.entry("ae4j.encoder", "dense:units=8/3,activations=relu"),
                Map.entry("ae4j.decoder", "dense:units=,activations=sigmoid,output=identity,mirror=true"),
                Map.entry("ae4j.loss", "squared-error"),
                Map.entry("ae4j.regularizers", "weight-decay:lambda=1.0E-4"),
                Map.entry("ae4j.corruption", "masking:level=0.2"),
                Map.entry("ae4j.optimizer", "adam:lr=0.01,beta1=0.9,beta2=0.999,epsilon=1.0E-8"),
                Map.entry("ae4j.input_dim", "10"),
                Map.entry("ae4j.code_dim", "3"),
                Map.entry("ae4j.normalization", "none"),
                Map.entry("ae4j.reconstruction_units", "normalized"),
                Map.entry("ae4j.provenance.dataset", "generated low-rank"),
                Map.entry("ae4j.provenance.seed", "7"),
                Map.entry("ae4j.provenance.final.loss", "0.123"),
                Map.entry("ae4j.provenance.config", "{\"epochs\": 3}")));
        assertEquals(expected, meta);
        assertEquals("ae4j", m.getProducerName());
        assertEquals(OnnxModelFormat.ae4jVersion(), m.getProducerVersion());
        assertFalse(OnnxModelFormat.ae4jVersion().contains("${"), "the version resource is filtered");
    }

    @Test
    void severalRegularizersAreJoinedWithSemicolonsAndReadBack() {
        Fixture f = ExportFixtures.named("tied decoder");
        Path file = dir.resolve("m.onnx");
        OnnxModelIO.save(f.model(), file, Map.of());
        OnnxModelInfo info = OnnxModelIO.info(file);
        assertEquals("kl-sparsity:rho=0.1,beta=0.5;l1-activity:lambda=0.001", info.metadata().get("ae4j.regularizers"));
        assertEquals("", info.metadata().get("ae4j.corruption"));
        assertEquals(2, OnnxModelIO.load(file, ExportFixtures.REGISTRY).spec().regularizers().size());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("parts")
    void exportsUseOpset17IrVersion8AndOnlyTheDocumentedInputsAndOutputs(Fixture f, ModelPart part) {
        ModelProto m = OnnxModelExporter.export(f.model(), part, Map.of());
        assertEquals(8, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(17, m.getOpsetImport(0).getVersion());
        GraphProto g = m.getGraph();
        List<String> ins = g.getInputList().stream().map(ValueInfoProto::getName).toList();
        List<String> outs = g.getOutputList().stream().map(ValueInfoProto::getName).toList();
        switch (part) {
            case FULL -> {
                assertEquals(List.of("input"), ins);
                assertEquals(List.of("code", "reconstruction", "score"), outs);
            }
            case ENCODER -> {
                assertEquals(List.of("input"), ins);
                assertEquals(List.of("code"), outs);
            }
            case DECODER -> {
                assertEquals(List.of("code"), ins);
                assertEquals(List.of("reconstruction"), outs);
            }
        }
        for (ValueInfoProto v : concat(g.getInputList(), g.getOutputList())) {
            assertEquals("batch", v.getType().getTensorType().getShape().getDim(0).getDimParam(), v.getName());
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("parts")
    void everyInitializerIsUsedAndHoldsAParameterOrAConstant(Fixture f, ModelPart part) {
        GraphProto g = OnnxModelExporter.export(f.model(), part, Map.of()).getGraph();
        Set<String> used = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            used.addAll(n.getInputList());
        }
        Set<String> params = new HashSet<>(f.model().parameterNames());
        for (TensorProto t : g.getInitializerList()) {
            assertTrue(used.contains(t.getName()), "initializer " + t.getName() + " is not used");
            assertTrue(params.contains(t.getName()) || t.getName().startsWith("ae4j/")
                    || t.getName().startsWith("normalization."), t.getName());
        }
        Set<String> names = new HashSet<>(g.getInitializerList().stream().map(TensorProto::getName).toList());
        if (part == ModelPart.FULL) {
            assertTrue(names.containsAll(params), "a full export holds every parameter: " + names);
        }
        if (part == ModelPart.DECODER) {
            assertFalse(names.contains("encoder.0.bias"), "the decoder file holds no encoder bias: " + names);
            assertFalse(names.contains(OnnxModelFormat.SHIFT), "the decoder file does not normalize: " + names);
        }
        if (part == ModelPart.ENCODER) {
            assertTrue(names.stream().noneMatch(n -> n.startsWith("decoder.")), "encoder file: " + names);
        }
    }

    @Test
    void aNormalizedModelNormalizesItsInputWithSubAndMulInTheGraph() {
        Fixture f = ExportFixtures.named("min-max normalized");
        GraphProto g = OnnxModelExporter.export(f.model(), ModelPart.FULL, Map.of()).getGraph();
        NodeProto sub = g.getNode(0);
        NodeProto mul = g.getNode(1);
        assertEquals("Sub", sub.getOpType());
        assertEquals(List.of("input", OnnxModelFormat.SHIFT), sub.getInputList());
        assertEquals("Mul", mul.getOpType());
        assertEquals(List.of(sub.getOutput(0), OnnxModelFormat.SCALE), mul.getInputList());
        TensorProto shift = g.getInitializerList().stream().filter(t -> t.getName().equals(OnnxModelFormat.SHIFT))
                .findFirst().orElseThrow();
        assertEquals(List.of(9L), shift.getDimsList());
        GraphProto plain = OnnxModelExporter.export(ExportFixtures.named("plain sigmoid").model(), ModelPart.FULL,
                Map.of()).getGraph();
        assertTrue(plain.getInitializerList().stream().noneMatch(t -> t.getName().startsWith("normalization.")));
    }

    @Test
    void aModelOf784To64To784IsItsParametersPlusASmallGraph() throws IOException {
        Autoencoder m = Autoencoder.initialize(ExportFixtures.spec("dense:units=64,activations=sigmoid",
                "dense:mirror=true,output=sigmoid", Loss.BINARY_CROSS_ENTROPY, List.of(), null), 784, 1);
        long params = 0;
        for (String n : m.parameterNames()) {
            params += 4L * m.parameter(n).length;
        }
        List<String> sizes = new ArrayList<>();
        for (ModelPart part : ModelPart.values()) {
            Path file = dir.resolve("784-64-784." + part.optionName() + ".onnx");
            OnnxModelIO.save(m, part, file, Map.of());
            long size = Files.size(file);
            sizes.add(part.optionName() + " " + size + " bytes");
            assertTrue(size < params + 8192, part + ": " + size + " bytes for " + params + " bytes of parameters");
        }
        System.out.println("784-64-784 sigmoid model, " + params + " bytes of parameters: " + sizes);
    }

    @Test
    void aFailedExportLeavesAnExistingFileUntouched() throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "previous contents");
        Map<String, String> bad = new HashMap<>();
        bad.put(" ", "a blank key");
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxModelIO.save(ExportFixtures.named("plain sigmoid").model(), file, bad));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("previous contents", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aSuccessfulExportReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "previous contents");
        OnnxModelIO.save(ExportFixtures.named("plain sigmoid").model(), file, Map.of());
        assertEquals("full", OnnxModelIO.info(file).part().optionName());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
