package org.ae4j.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import picocli.CommandLine.Command;

/** {@code ae4j encode --model FILE}: the code of every row (columns code_0 .. code_{k-1}). */
@Command(name = "encode", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Encode rows with a saved model: one row of code_0 .. code_{k-1} per input row.")
final class EncodeCommand extends ApplyCommand {
    @Override
    List<String> columns(Autoencoder m) {
        return numbered("code", m.codeDim());
    }

    @Override
    Set<Inference.Output> outputs() {
        return EnumSet.of(Inference.Output.CODE);
    }

    @Override
    float[] rows(Autoencoder m, Dataset chunk, Computed c) {
        return c.codes();
    }

    @Override
    String summary(long rows, Autoencoder m, String source) {
        return wrote(rows, "encoded", source) + " (" + m.codeDim() + " code units)";
    }
}
