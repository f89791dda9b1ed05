package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.core.model.Autoencoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ae4j export --model FILE --part full|encoder|decoder --out PART.onnx}: one part as a standalone ONNX file. */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Write a saved model, or its encoder or decoder alone, as a standalone ONNX file that any ONNX "
                + "runtime can run.",
                "full: input [batch, d] -> code [batch, k], reconstruction [batch, d], score [batch]; "
                        + "encoder: input -> code; decoder: code -> reconstruction. The input normalization is part "
                        + "of the full and encoder graphs; reconstructions are in normalized units."})
final class ExportCommand implements Callable<Integer> {
    private static final List<String> PARTS = List.of("full", "encoder", "decoder");

    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model file (from 'ae4j train --out')")
    Path model;

    @Option(names = "--part", defaultValue = "full", description = "full, encoder or decoder (default: ${DEFAULT-VALUE})")
    String part;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the ONNX file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        String p = part.trim().toLowerCase(Locale.ROOT);
        if (!PARTS.contains(p)) {
            throw new IllegalArgumentException("--part: expected full, encoder or decoder, got '" + part + "'");
        }
        if (!main.modelFiles.available()) {
            throw ModelFiles.unsupported();
        }
        OutputFiles.check("--out", out);
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out: expected another file than --model, got " + out + " for both");
        }
        ModelFiles.ModelFile file = main.modelFiles.load(model);
        Map<String, String> meta = new LinkedHashMap<>(file.metadata());
        if (!p.equals("full")) {
            // the threshold is about scores, which only the full model computes
            meta.remove(ModelFiles.THRESHOLD);
            meta.remove(ModelFiles.THRESHOLD_PERCENTILE);
            meta.remove(ModelFiles.THRESHOLD_ROWS);
        }
        Autoencoder m = file.model();
        OutputFiles.write(out, tmp -> main.modelFiles.export(m, p, tmp, meta));
        String io = switch (p) {
            case "encoder" -> "input [batch, " + m.inputDim() + "] -> code [batch, " + m.codeDim() + "]";
            case "decoder" -> "code [batch, " + m.codeDim() + "] -> reconstruction [batch, " + m.inputDim() + "]";
            default -> "input [batch, " + m.inputDim() + "] -> code [batch, " + m.codeDim() + "], reconstruction [batch, "
                    + m.inputDim() + "], score [batch]";
        };
        spec.commandLine().getOut().printf(Locale.ROOT, "exported the %s of %s to %s: %s%n", p, model, out, io);
        return 0;
    }
}
