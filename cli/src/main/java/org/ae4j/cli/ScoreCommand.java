package org.ae4j.cli;

import java.util.List;
import java.util.Locale;
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
    float[] rows(Autoencoder m, Dataset chunk, Inference inf) {
        float[] s = inf.scores();
        if (effective == null) {
            return s;
        }
        float t = effective;
        float[] out = new float[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            out[2 * i] = s[i];
            boolean anomaly = s[i] > t;
            out[2 * i + 1] = anomaly ? 1 : 0;
            flagged += anomaly ? 1 : 0;
        }
        return out;
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
