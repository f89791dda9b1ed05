package org.ae4j.core.spi;

import org.ae4j.core.util.Rng;

/** Fills a new parameter from a seeded generator. */
public interface Initializer {
    /** Fills dst. */
    void fill(Rng rng, float[] dst);

    /** All zeros (biases). */
    static Initializer zeros() {
        return (rng, dst) -> java.util.Arrays.fill(dst, 0f);
    }

    /** Glorot/Xavier uniform: U(−l, l), l = √(6/(fanIn+fanOut)). */
    static Initializer glorotUniform(int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return (rng, dst) -> {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
        };
    }

    /** He/Kaiming normal: N(0, 2/fanIn). */
    static Initializer heNormal(int fanIn) {
        double std = Math.sqrt(2.0 / fanIn);
        return (rng, dst) -> {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) (rng.nextGaussian() * std);
            }
        };
    }

    /** Glorot for sigmoid/tanh/identity layers, He for relu/softplus layers. */
    static Initializer forActivation(Activation a, int fanIn, int fanOut) {
        return a.prefersHeInit() ? heNormal(fanIn) : glorotUniform(fanIn, fanOut);
    }
}
