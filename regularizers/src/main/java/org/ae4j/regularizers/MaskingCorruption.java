package org.ae4j.regularizers;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.spi.NoiseSampler;

/**
 * Masking noise: each feature of each row is zeroed independently with probability ν: x̃ = x ⊙ m, where the noise
 * input {@code masking.mask} holds m ∈ {0, 1}, 0 with probability ν.
 */
public final class MaskingCorruption implements Corruption {
    /** Name of the mask input (prefixed with {@code noise.} in the graph). */
    public static final String NOISE = "masking.mask";

    private final MaskingConfig config;

    public MaskingCorruption(MaskingConfig config) {
        this.config = config;
    }

    @Override
    public Node apply(Node x, CorruptionContext context) {
        double level = config.level();
        NoiseSampler sampler = (rng, dst) -> {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = rng.nextDouble() < level ? 0f : 1f;
            }
        };
        return Ops.mul(x, context.noise(NOISE, x.shape(), sampler));
    }
}
