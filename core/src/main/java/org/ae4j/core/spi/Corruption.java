package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;

/**
 * Corrupts the encoder's input during training (never at encode or score time). The randomness enters as
 * noise inputs drawn by the trainer from a seeded generator, so every backend sees the same values.
 */
public interface Corruption {
    /** x̃ = C(x) for the clean batch x [B, d]. */
    Node apply(Node x, CorruptionContext context);
}
