package org.ae4j.core.train;

import java.util.Map;

/**
 * What one epoch measured. Losses are averages over the epoch's rows.
 *
 * @param epoch 1-based epoch number
 * @param loss the training objective (reconstruction plus penalties)
 * @param reconstructionLoss its reconstruction term
 * @param penalties each weighted penalty, by regularizer name
 * @param validationLoss the reconstruction loss on held-out rows (clean inputs), or NaN without validation
 * @param seconds wall time of the epoch's training steps
 * @param rowsPerSecond training rows per second
 */
public record EpochMetrics(int epoch, double loss, double reconstructionLoss, Map<String, Double> penalties,
                           double validationLoss, double seconds, double rowsPerSecond) {
    public EpochMetrics {
        penalties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(penalties));
    }

    /** True when a validation loss was measured. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
