package org.ae4j.core.train;

/** Receives progress and metrics while a model trains. Every method has an empty default. */
public interface TrainingListener {
    /** Before the first step. */
    default void onStart(TrainingPlan plan) {
    }

    /** After every step; batch is 1-based within the epoch. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch, int rowsDone, double loss) {
    }

    /** After every epoch. */
    default void onEpoch(EpochMetrics metrics) {
    }

    /** After training ends normally. */
    default void onEnd(TrainingResult result) {
    }
}
