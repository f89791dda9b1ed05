package org.ae4j.regularizers;

/**
 * Config of {@code contractive}.
 *
 * @param lambda the weight λ of ‖J‖²_F, &gt;= 0
 * @param mode exact | stochastic | higher-order
 * @param probes k: Gaussian probes per row (stochastic) or corrupted copies per row (higher-order), &gt;= 1
 * @param gamma the weight γ of the higher-order term E‖J(x) − J(x+ε)‖²_F (higher-order only), &gt;= 0
 * @param epsilon the standard deviation of ε (higher-order only), &gt;= 0
 */
public record ContractiveConfig(double lambda, ContractiveMode mode, int probes, double gamma, double epsilon) {
    public ContractiveConfig {
        Checks.nonNegative("lambda", lambda);
        if (mode == null) {
            throw new IllegalArgumentException("mode: expected exact, stochastic or higher-order, got none");
        }
        Checks.positive("probes", probes);
        Checks.nonNegative("gamma", gamma);
        Checks.nonNegative("epsilon", epsilon);
    }

    /** lambda 0.1, exact, probes 1, gamma 0.1, epsilon 0.1. */
    public static ContractiveConfig defaults() {
        return new ContractiveConfig(0.1, ContractiveMode.EXACT, 1, 0.1, 0.1);
    }
}
