package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.ae4j.backend.ort.ExportFixtures.Fixture;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Regularizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and bad models give errors that name the file and say what is wrong. */
class OnnxModelErrorsTest {
    @TempDir
    Path dir;

    private final Fixture plain = ExportFixtures.named("plain sigmoid");

    private Path exported(ModelPart part) {
        Path file = dir.resolve("model." + part.optionName() + ".onnx");
        OnnxModelIO.save(plain.model(), part, file, Map.of());
        return file;
    }

    private OnnxModelException loadFails(Path file) {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxModelIO.load(file, ExportFixtures.REGISTRY));
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        assertEquals(file, e.path());
        return e;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    /** Writes the exported full model after an edit of its protobuf. */
    private Path edited(UnaryOperator<ModelProto.Builder> edit) throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(exported(ModelPart.FULL)));
        Path file = dir.resolve("edited.onnx");
        Files.write(file, edit.apply(m.toBuilder()).build().toByteArray());
        return file;
    }

    private static ModelProto.Builder withMetadata(ModelProto.Builder b, String key, String value) {
        for (StringStringEntryProto.Builder e : b.getMetadataPropsBuilderList()) {
            if (e.getKey().equals(key)) {
                e.setValue(value);
            }
        }
        return b;
    }

    @Test
    void aTruncatedFileIsReportedAsNotOnnxOrTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(exported(ModelPart.FULL));
        Path file = dir.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertMentions(loadFails(file), "truncated", "protobuf");
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("random.onnx");
        Files.write(file, bytes);
        OnnxModelException e = loadFails(file);
        assertTrue(e.getMessage().contains("not an ONNX model") || e.getMessage().contains("not an ae4j model"),
                e.getMessage());
    }

    @Test
    void anEmptyFileIsNotAModel() throws IOException {
        Path file = dir.resolve("empty.onnx");
        Files.write(file, new byte[0]);
        assertMentions(loadFails(file), "not an ONNX model", "empty");
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        assertMentions(loadFails(dir.resolve("absent.onnx")), "no such file");
    }

    @Test
    void aForeignOnnxModelWithoutAe4jMetadataIsRejected() throws IOException {
        Node x = Ops.input("x", Shape.of(2, 3));
        ModelProto foreign = OnnxLowering.lowerForExport(Program.of(List.of(Ops.tanh(x)), Map.of()), List.of("y"),
                n -> null, "foreign").toBuilder().setProducerName("pytorch").build();
        Path file = dir.resolve("foreign.onnx");
        Files.write(file, foreign.toByteArray());
        assertMentions(loadFails(file), "not an ae4j model", "ae4j.format", "pytorch");
        assertThrows(OnnxModelException.class, () -> OnnxModelIO.info(file));
    }

    @Test
    void anEncoderOrDecoderFileCannotBeLoadedAsAModel() {
        for (ModelPart part : List.of(ModelPart.ENCODER, ModelPart.DECODER)) {
            Path file = exported(part);
            assertMentions(loadFails(file), part.optionName() + " only", "ae4j.part=full");
            assertEquals(part, OnnxModelIO.info(file).part(), "info reads any part");
        }
    }

    @Test
    void aMissingInitializerIsNamedWithItsShape() throws IOException {
        Path file = edited(b -> {
            List<TensorProto> keep = b.getGraph().getInitializerList().stream()
                    .filter(t -> !t.getName().equals("encoder.0.bias")).toList();
            b.getGraphBuilder().clearInitializer().addAllInitializer(keep);
            return b;
        });
        assertMentions(loadFails(file), "initializer 'encoder.0.bias' [4] is missing");
    }

    @Test
    void aMisShapedInitializerIsNamedWithExpectedAndFoundShapes() throws IOException {
        Path file = edited(b -> {
            for (TensorProto.Builder t : b.getGraphBuilder().getInitializerBuilderList()) {
                if (t.getName().equals("encoder.0.weight")) {
                    t.clearDims().addDims(4).addDims(12);
                }
            }
            return b;
        });
        assertMentions(loadFails(file), "initializer 'encoder.0.weight': expected shape [12, 4], found [4, 12]");
    }

    @Test
    void anInitializerWithTooFewBytesIsRejected() throws IOException {
        Path file = edited(b -> {
            for (TensorProto.Builder t : b.getGraphBuilder().getInitializerBuilderList()) {
                if (t.getName().equals("decoder.0.bias")) {
                    t.setRawData(t.getRawData().substring(0, 8));
                }
            }
            return b;
        });
        assertMentions(loadFails(file), "initializer 'decoder.0.bias'", "expected 48 bytes", "found 8");
    }

    @Test
    void anUnknownPluginNameIsNamedWithTheKnownOnes() throws IOException {
        Path file = edited(b -> withMetadata(b, "ae4j.encoder", "nonesuch:units=4"));
        assertMentions(loadFails(file), "ae4j.encoder 'nonesuch:units=4'", "unknown encoder 'nonesuch'", "dense");
        Path reg = edited(b -> withMetadata(b, "ae4j.regularizers", "kl-sparsity:rho=0.1;mystery"));
        assertMentions(loadFails(reg), "ae4j.regularizers 'mystery'", "unknown regularizer 'mystery'");
    }

    @Test
    void anUnsupportedFormatVersionIsRejected() throws IOException {
        Path file = edited(b -> withMetadata(b, "ae4j.format", "2"));
        assertMentions(loadFails(file), "ae4j.format", "version 1", "'2'");
    }

    @Test
    void metadataThatDisagreesWithTheGraphIsRejected() throws IOException {
        Path file = edited(b -> withMetadata(b, "ae4j.input_dim", "13"));
        assertMentions(loadFails(file), "graph input 'input': expected shape [batch, 13]", "found [batch, 12]");
    }

    @Test
    void encodingRowsOfAnotherWidthWithALoadedModelSaysBothWidths() {
        Autoencoder m = OnnxModelIO.load(exported(ModelPart.FULL), ExportFixtures.REGISTRY);
        Dataset narrow = new Dataset("narrow.csv", new float[18], 2, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.encode(new ReferenceBackend(), narrow));
        assertMentions(e, "expects rows of 12 features", "narrow.csv has 9 columns");
    }

    @Test
    void aRegularizerSpecContainingTheSeparatorCannotBeExported() {
        Component<Regularizer> odd = new Component<>("odd", new OddConfig("a;b"), model -> Ops.scalar(0));
        AutoencoderSpec spec = plain.model().spec().withRegularizer(odd);
        Autoencoder m = new Autoencoder(spec, plain.model().inputDim(), plain.model().parameters(), Map.of());
        Path file = dir.resolve("odd.onnx");
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxModelIO.save(m, file, Map.of()));
        assertMentions(e, file.toString(), "odd:note=a;b", "';'", "nothing was written");
        assertTrue(Files.notExists(file));
    }

    @Test
    void aGraphWhoseValuesDependOnTheBatchSizeIsRejected() {
        Node x = Ops.input("input", Shape.of(1, 4));
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> BatchAxis.requireRowwise(Program.of(List.of(Ops.reduceSum(x, false, 0)), Map.of())));
        assertMentions(sum, "REDUCE_SUM", "sums over rows");
        IllegalArgumentException reshape = assertThrows(IllegalArgumentException.class,
                () -> BatchAxis.requireRowwise(Program.of(List.of(Ops.reshape(x, Shape.of(4))), Map.of())));
        assertMentions(reshape, "RESHAPE");
        IllegalArgumentException gram = assertThrows(IllegalArgumentException.class,
                () -> BatchAxis.requireRowwise(Program.of(List.of(Ops.matmul(x, x, true, false)), Map.of())));
        assertMentions(gram, "MATMUL", "mixes rows");
        Node w = Ops.parameter("w", Shape.of(4, 2));
        BatchAxis.requireRowwise(Program.of(List.of(Ops.tanh(Ops.matmul(x, w))), Map.of()));
    }
}
