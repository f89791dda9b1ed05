package org.ae4j.core.model;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.DecoderGraph;

/** Reconstruction losses: a per-row sum over features, averaged over the batch. The target is the clean x. */
public enum Loss {
    /** Σ_i (x_i − x̂_i)². */
    SQUARED_ERROR,
    /** −Σ_i [x_i log x̂_i + (1−x_i) log(1−x̂_i)], computed from the logits; needs a sigmoid output and x in [0,1]. */
    BINARY_CROSS_ENTROPY;

    /** The elementwise loss [B, d]. */
    public Node elementwise(Node x, DecoderGraph decoder) {
        switch (this) {
            case SQUARED_ERROR:
                return F.squaredError(decoder.reconstruction(), x);
            case BINARY_CROSS_ENTROPY:
                if (decoder.outputActivation() != Activation.SIGMOID) {
                    throw new IllegalArgumentException("loss binary-cross-entropy: expected a sigmoid output activation, got "
                            + decoder.outputActivation().name().toLowerCase(java.util.Locale.ROOT));
                }
                return F.sigmoidCrossEntropyWithLogits(decoder.logits(), x);
        }
        throw new AssertionError(this);
    }

    /** (1/B) Σ_b ℓ(x_b, x̂_b), a scalar. */
    public Node batchLoss(Node x, DecoderGraph decoder) {
        return F.meanRowSum(elementwise(x, decoder));
    }

    /** ℓ(x_b, x̂_b) per row, [B]. */
    public Node perRow(Node x, DecoderGraph decoder) {
        return F.rowSum(elementwise(x, decoder));
    }

    /** The kebab-case name users type. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses squared-error | binary-cross-entropy (also mse, bce). */
    public static Loss parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "squared-error":
            case "mse":
                return SQUARED_ERROR;
            case "binary-cross-entropy":
            case "bce":
                return BINARY_CROSS_ENTROPY;
            default:
                throw new IllegalArgumentException("loss: expected squared-error or binary-cross-entropy, got '" + s + "'");
        }
    }
}
