package org.ae4j.regularizers;

import static org.ae4j.core.ir.Ops.abs;
import static org.ae4j.core.ir.Ops.add;
import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.neg;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sub;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.util.Rng;

/**
 * Salt-and-pepper noise: each feature of each row is, with probability ν, set to the data maximum (salt) or
 * minimum (pepper), half each. One noise input {@code salt-and-pepper.noise} holds u ∈ {−1, 0, 1} (1 salt,
 * −1 pepper) and x̃ = x·(1 − |u|) + max·relu(u) + min·relu(−u), with min and max from the context.
 */
public final class SaltAndPepperCorruption implements Corruption {
    /** Name of the noise input (prefixed with {@code noise.} in the graph). */
    public static final String NOISE = "salt-and-pepper.noise";

    private final SaltAndPepperConfig config;

    public SaltAndPepperCorruption(SaltAndPepperConfig config) {
        this.config = config;
    }

    @Override
    public Node apply(Node x, CorruptionContext context) {
        double level = config.level();
        long saltBelow = Rng.threshold(level / 2);
        long noiseBelow = Rng.threshold(level);
        // dst[i] = r < level/2 ? 1 : r < level ? -1 : 0 for r = nextDouble(), as 2·[r < level/2] − [r < level],
        // without branches.
        NoiseSampler sampler = (rng, dst) -> {
            for (int i = 0; i < dst.length; i++) {
                long u = rng.doubleBits(i);
                dst[i] = 2 * Rng.below(u, saltBelow) - Rng.below(u, noiseBelow);
            }
            rng.skip(dst.length);
        };
        Node u = context.noise(NOISE, x.shape(), sampler);
        Node kept = mul(x, sub(scalar(1), abs(u)));
        Node salt = F.scale(F.relu(u), context.dataMax());
        Node pepper = F.scale(F.relu(neg(u)), context.dataMin());
        return add(add(kept, salt), pepper);
    }
}
