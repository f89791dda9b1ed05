package org.ae4j.regularizers;

/** How {@code contractive} computes ‖J_f(x)‖²_F; users type {@code exact}, {@code stochastic} or {@code higher-order}. */
public enum ContractiveMode {
    /** The exact squared Frobenius norm of the encoder's Jacobian. */
    EXACT,
    /** An unbiased estimate (1/k) Σ ‖J v‖² with k Gaussian probes v ~ N(0, I) per row. */
    STOCHASTIC,
    /** CAE+H: the exact term plus γ · E_ε ‖J(x) − J(x + ε)‖²_F, ε ~ N(0, epsilon² I), k samples per row. */
    HIGHER_ORDER
}
