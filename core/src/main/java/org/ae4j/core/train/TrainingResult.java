package org.ae4j.core.train;

import java.util.List;
import org.ae4j.core.model.Autoencoder;

/**
 * The outcome of a training run.
 *
 * @param model the trained model (the best validation epoch's parameters when early stopping was on)
 * @param history one entry per completed epoch
 * @param stoppedEarly true when early stopping ended the run
 * @param bestEpoch the epoch whose parameters the model holds
 */
public record TrainingResult(Autoencoder model, List<EpochMetrics> history, boolean stoppedEarly, int bestEpoch) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** The last epoch's metrics. */
    public EpochMetrics last() {
        return history.get(history.size() - 1);
    }
}
