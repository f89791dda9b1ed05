package org.ae4j.regularizers;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.ModelContext;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.spi.Regularizer;

/**
 * Contractive penalty on the Jacobian J_f(x) = ∂h/∂x̃ of the code with respect to the encoder's input (the
 * corrupted batch when a corruption is chosen), for encoders that are chains of dense layers:
 * <ul>
 *   <li>{@code exact}: λ · (1/B) Σ_b ‖J_f(x_b)‖²_F, computed exactly (see {@link EncoderJacobian} for the
 *       routes and their cost; one layer uses Σ_j s'(a_j)² Σ_i W_ij²);</li>
 *   <li>{@code stochastic}: λ · (1/(kB)) Σ_b Σ_p ‖J_f(x_b) v_bp‖², v ~ N(0, I) drawn per row and probe (noise input
 *       {@code contractive.probe} [k·B, d]); unbiased, since E‖Jv‖² = tr(JᵀJ) = ‖J‖²_F, with variance
 *       2‖JᵀJ‖²_F/k per row (Gaussian probes);</li>
 *   <li>{@code higher-order} (CAE+H): λ · (1/B) Σ_b ‖J_f(x_b)‖²_F + γ · (1/(kB)) Σ_b Σ_p ‖J_f(x_b) −
 *       J_f(x_b + ε_bp)‖²_F, ε = epsilon · n with n ~ N(0, I) (noise input {@code contractive.epsilon} [k·B, d]) and
 *       J_f(x + ε) from the encoder built again on x + ε with the same parameters.</li>
 * </ul>
 * <p>Cost of {@code exact} (B rows, widths d = n_0 … n_L = k): one layer, O(B·k + d·k). Deeper, the cheaper of
 * two exact per-row products, neither of which forms the k×d Jacobians: propagating the d input basis vectors
 * forward, O(B·d·Σ n_{l−1} n_l) time and B·d·max n_l memory; or propagating the k code basis vectors backward down
 * to the first layer and finishing with the Gram matrix W_1ᵀW_1, O(B·k·(Σ_{l≥2} n_l n_{l−1} + n_1²) + d·n_1²)
 * time and B·k·max n_l memory — the usual choice for an encoder that narrows to a small code. {@code stochastic}
 * costs O(k_probes·B·Σ n_{l−1} n_l) and {@code higher-order} the exact cost twice over k_probes·B rows.
 *
 * <p>The activation derivatives come from {@link org.ae4j.core.spi.Activation#derivative} and stay in the graph, so
 * for sigmoid, tanh and softplus the gradient flows through s' into both W and b; relu's derivative is a step and
 * carries none (which is exact almost everywhere).
 */
public final class Contractive implements Regularizer {
    /** Name of the probe noise input of the stochastic mode (prefixed with {@code noise.} in the graph). */
    public static final String PROBE_NOISE = "contractive.probe";
    /** Name of the perturbation noise input of the higher-order mode (prefixed with {@code noise.}). */
    public static final String EPSILON_NOISE = "contractive.epsilon";

    private final ContractiveConfig config;

    public Contractive(ContractiveConfig config) {
        this.config = config;
    }

    public ContractiveConfig config() {
        return config;
    }

    @Override
    public Node penalty(ModelContext model) {
        EncoderGraph encoder = model.encoder();
        EncoderJacobian jacobian = EncoderJacobian.of(encoder, "contractive");
        List<Node> d = EncoderJacobian.derivatives(encoder);
        int batch = encoder.input().shape().dim(0);
        int k = config.probes();
        switch (config.mode()) {
            case EXACT:
                return F.scale(jacobian.sumSquaredNorms(d), config.lambda() / batch);
            case STOCHASTIC: {
                Node v = model.noise(PROBE_NOISE, Shape.of(k * batch, jacobian.width(0)),
                        NoiseSampler.STANDARD_NORMAL);
                return F.scale(jacobian.sumSquaredProbes(d, v, k), config.lambda() / ((double) k * batch));
            }
            case HIGHER_ORDER: {
                Node exact = F.scale(jacobian.sumSquaredNorms(d), config.lambda() / batch);
                Node n = model.noise(EPSILON_NOISE, Shape.of(k * batch, jacobian.width(0)),
                        NoiseSampler.STANDARD_NORMAL);
                Node perturbed = Ops.add(replicate(encoder.input(), k), F.scale(n, config.epsilon()));
                List<Node> dTilde = EncoderJacobian.derivatives(model.encode(perturbed));
                List<Node> dRep = new ArrayList<>();
                for (Node dl : d) {
                    dRep.add(replicate(dl, k));
                }
                Node diff = jacobian.sumSquaredDifferences(dRep, dTilde);
                return Ops.add(exact, F.scale(diff, config.gamma() / ((double) k * batch)));
            }
        }
        throw new AssertionError(config.mode());
    }

    /** [B, n] → [k·B, n], copy p of row b at row p·B + b. */
    static Node replicate(Node x, int k) {
        if (k == 1) {
            return x;
        }
        int rows = x.shape().dim(0);
        int cols = x.shape().dim(1);
        return Ops.reshape(Ops.broadcast(x, Shape.of(k, rows, cols)), Shape.of(k * rows, cols));
    }
}
