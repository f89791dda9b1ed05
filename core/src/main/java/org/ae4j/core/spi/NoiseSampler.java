package org.ae4j.core.spi;

import org.ae4j.core.util.Rng;

/** Draws the values of one noise input for one training step. */
@FunctionalInterface
public interface NoiseSampler {
    /** Fills dst (row-major, the noise input's shape) from rng. */
    void fill(Rng rng, float[] dst);

    /** Independent standard normal values ({@link Rng#fillGaussian}). */
    NoiseSampler STANDARD_NORMAL = Rng::fillGaussian;
}
