package org.ae4j.regularizers;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.spi.NoiseSampler;

/**
 * Additive Gaussian noise: x̃ = x + σ·n, n ~ N(0, 1) per entry (noise input {@code gaussian.noise}, same shape as
 * x), optionally clipped to [dataMin, dataMax] of the context.
 */
public final class GaussianCorruption implements Corruption {
    /** Name of the noise input (prefixed with {@code noise.} in the graph). */
    public static final String NOISE = "gaussian.noise";

    private final GaussianConfig config;

    public GaussianCorruption(GaussianConfig config) {
        this.config = config;
    }

    @Override
    public Node apply(Node x, CorruptionContext context) {
        Node n = context.noise(NOISE, x.shape(), NoiseSampler.STANDARD_NORMAL);
        Node noisy = Ops.add(x, F.scale(n, config.sigma()));
        return config.clip() ? F.clamp(noisy, context.dataMin(), context.dataMax()) : noisy;
    }
}
