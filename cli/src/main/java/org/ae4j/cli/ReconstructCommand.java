package org.ae4j.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import picocli.CommandLine.Command;

/** {@code ae4j reconstruct --model FILE}: every row's reconstruction, in the data's own units. */
@Command(name = "reconstruct", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Reconstruct rows with a saved model: one row of x_0 .. x_{d-1} per input row.",
                "Reconstructions are in the data's units (the model's normalization undone)."})
final class ReconstructCommand extends ApplyCommand {
    @Override
    List<String> columns(Autoencoder m) {
        return numbered("x", m.inputDim());
    }

    @Override
    Set<Inference.Output> outputs() {
        return EnumSet.of(Inference.Output.RECONSTRUCTION);
    }

    @Override
    float[] rows(Autoencoder m, Dataset chunk, Computed c) {
        float[] r = c.reconstructions();
        Scoring.denormalize(m, r, chunk.rows());
        return r;
    }

    @Override
    String summary(long rows, Autoencoder m, String source) {
        return wrote(rows, "reconstructed", source);
    }
}
