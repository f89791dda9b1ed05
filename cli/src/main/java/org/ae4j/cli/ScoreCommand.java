package org.ae4j.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ae4j score --model FILE}: every row's reconstruction error and whether it is above the anomaly threshold
 * that {@code ae4j train} calibrated on the training rows and stored in the model.
 */
@Command(name = "score", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Score rows with a saved model: reconstruction error and an anomaly flag per row.",
                "Columns: score, the reconstruction error sum_i (x_i - x^_i)^2 in the model's normalized units, and "
                        + "anomaly, 1 when the score is above the model's threshold (a percentile of its training "
                        + "rows' scores, see 'train --threshold-percentile') and 0 otherwise."})
final class ScoreCommand extends ApplyCommand {
    @Option(names = "--threshold", paramLabel = "SCORE",
            description = "flag rows scoring above SCORE instead of the threshold stored in the model")
    Float threshold;

    private Float effective;
    private java.util.Map<String, String> stored;
    private long flagged;
    private float[] table;

    @Override
    void prepare(ModelFiles.ModelFile file) {
        if (threshold != null && !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("--threshold: expected a finite number, got " + threshold);
        }
        effective = threshold != null ? threshold : Thresholds.stored(file.metadata(), model);
        stored = threshold != null ? null : file.metadata();
    }

    @Override
    List<String> columns(Autoencoder m) {
        return effective == null ? List.of("score") : List.of("score", "anomaly");
    }

    @Override
    Set<Inference.Output> outputs() {
        return EnumSet.of(Inference.Output.SCORE);
    }

    @Override
    float[] rows(Autoencoder m, Dataset chunk, Computed c) {
        float[] s = c.scores();
        if (effective == null) {
            return s;
        }
        float t = effective;
        int n = chunk.rows();
        if (table == null || table.length < 2 * n) {
            table = new float[2 * n];
        }
        for (int i = 0; i < n; i++) {
            table[2 * i] = s[i];
            boolean anomaly = s[i] > t;
            table[2 * i + 1] = anomaly ? 1 : 0;
            flagged += anomaly ? 1 : 0;
        }
        return table;
    }

    @Override
    String summary(long rows, Autoencoder m, String source) {
        String head = wrote(rows, "scored", source);
        if (effective == null) {
            return head + "; the model stores no anomaly threshold (give --threshold SCORE to flag rows)";
        }
        String why = stored != null ? Thresholds.describe(stored) : "--threshold";
        return String.format(Locale.ROOT, "%s; %d above the threshold %s (%s)", head, flagged, effective, why);
    }
}
