package org.ae4j.core.train;

import org.ae4j.core.model.Autoencoder;

/**
 * The loss became NaN or infinite. Training stopped; {@link #lastGood()} holds the parameters of the last
 * step whose loss was finite.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int step;
    private final transient Autoencoder lastGood;

    public TrainingDivergedException(int epoch, int step, double loss, Autoencoder lastGood) {
        super("training diverged: loss became " + loss + " at epoch " + epoch + ", step " + step
                + "; kept the parameters of the last step with a finite loss (try a lower learning rate)");
        this.epoch = epoch;
        this.step = step;
        this.lastGood = lastGood;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    /** The model with the last good parameters. */
    public Autoencoder lastGood() {
        return lastGood;
    }
}
