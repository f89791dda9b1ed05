package org.ae4j.regularizers;

import java.util.List;
import java.util.Locale;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Layer;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.Regularizer;

/**
 * KL sparsity: β · Σ_j KL(ρ ‖ ρ̂_j), where ρ̂_j is the batch mean of code unit j and
 * KL(ρ‖q) = ρ log(ρ/q) + (1−ρ) log((1−ρ)/(1−q)).
 *
 * <p>The code must lie in (0, 1), so the code layer's activation must be one whose outputs do (sigmoid); any
 * other is rejected when the penalty is built. Because a float32 sigmoid can round to exactly 0 or 1, ρ̂ is
 * clamped to [1e−6, 1−1e−6] before the logarithms: the penalty stays finite, and its gradient is zero for a unit
 * whose batch mean lies outside that range.
 */
public final class KlSparsity implements Regularizer {
    /** The clamp applied to ρ̂ on both sides. */
    public static final double EPS = 1e-6;

    private final KlSparsityConfig config;

    public KlSparsity(KlSparsityConfig config) {
        this.config = config;
    }

    @Override
    public Node penalty(ModelContext model) {
        List<Layer> layers = model.encoder().layers();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("kl-sparsity: expected an encoder made of dense layers, so that the code"
                    + " activation is known; this encoder exposes no layers");
        }
        Activation code = layers.get(layers.size() - 1).activation();
        if (!code.outputsInOpenUnitInterval()) {
            throw new IllegalArgumentException("kl-sparsity: expected a code activation with outputs in (0, 1)"
                    + " such as sigmoid, got " + code.name().toLowerCase(Locale.ROOT)
                    + "; use l1-activity for other code activations");
        }
        Node rhoHat = F.clamp(F.batchMean(model.encoder().code()), EPS, 1 - EPS);
        return F.scale(F.sum(F.klBernoulli(config.rho(), rhoHat)), config.beta());
    }
}
