package org.ae4j.core.train;

/**
 * What a training run is about to do, for listeners.
 *
 * @param epochs epochs planned
 * @param batchesPerEpoch steps per epoch
 * @param trainRows rows trained on per epoch
 * @param validationRows rows held out
 * @param batchSize rows per step
 * @param model the model's one-line description
 * @param backend the backend's one-line description
 */
public record TrainingPlan(int epochs, int batchesPerEpoch, int trainRows, int validationRows, int batchSize,
                           String model, String backend) {
}
