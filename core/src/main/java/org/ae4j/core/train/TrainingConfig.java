package org.ae4j.core.train;

/**
 * How to train: epochs, batches, seed, shuffling, validation and early stopping.
 *
 * @param epochs number of passes over the training rows, &ge; 1
 * @param batchSize rows per step, &ge; 1
 * @param seed seeds initialisation, shuffling, the validation split and noise
 * @param shuffle draw a new permutation of the rows every epoch
 * @param dropLast drop the last partial batch of each epoch instead of training on it
 * @param validationFraction fraction of rows held out for validation, in [0, 1)
 * @param patience stop after this many epochs without a validation improvement (0: never stop early)
 * @param minDelta the improvement in validation loss that counts as one
 */
public record TrainingConfig(int epochs, int batchSize, long seed, boolean shuffle, boolean dropLast,
                             double validationFraction, int patience, double minDelta) {
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: expected >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: expected 0 <= fraction < 1, got " + validationFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience: expected >= 0, got " + patience);
        }
        if (patience > 0 && validationFraction == 0) {
            throw new IllegalArgumentException("patience: early stopping needs a validation split (validationFraction > 0)");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta: expected >= 0, got " + minDelta);
        }
    }

    /** 10 epochs, batch 128, seed 42, shuffled, last partial batch kept, no validation. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 128, 42, true, false, 0, 0, 0);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, seed, shuffle, dropLast, validationFraction, patience, minDelta);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, seed, shuffle, dropLast, validationFraction, patience, minDelta);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, s, shuffle, dropLast, validationFraction, patience, minDelta);
    }

    public TrainingConfig withShuffle(boolean s) {
        return new TrainingConfig(epochs, batchSize, seed, s, dropLast, validationFraction, patience, minDelta);
    }

    public TrainingConfig withDropLast(boolean d) {
        return new TrainingConfig(epochs, batchSize, seed, shuffle, d, validationFraction, patience, minDelta);
    }

    /** With a validation split and early stopping (patience 0 disables stopping). */
    public TrainingConfig withValidation(double fraction, int patience, double minDelta) {
        return new TrainingConfig(epochs, batchSize, seed, shuffle, dropLast, fraction, patience, minDelta);
    }
}
