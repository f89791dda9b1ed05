package org.ae4j.regularizers;

/**
 * Config of {@code kl-sparsity}.
 *
 * @param rho the target mean activation of each code unit, 0 &lt; rho &lt; 1
 * @param beta the weight β of the penalty, &gt;= 0
 */
public record KlSparsityConfig(double rho, double beta) {
    public KlSparsityConfig {
        Checks.openUnit("rho", rho);
        Checks.nonNegative("beta", beta);
    }

    /** rho 0.05, beta 3. */
    public static KlSparsityConfig defaults() {
        return new KlSparsityConfig(0.05, 3.0);
    }
}
