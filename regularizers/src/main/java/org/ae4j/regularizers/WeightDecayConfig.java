package org.ae4j.regularizers;

/**
 * Config of {@code weight-decay}.
 *
 * @param lambda the weight λ of the penalty, &gt;= 0
 */
public record WeightDecayConfig(double lambda) {
    public WeightDecayConfig {
        Checks.nonNegative("lambda", lambda);
    }

    /** lambda 0.0001. */
    public static WeightDecayConfig defaults() {
        return new WeightDecayConfig(1e-4);
    }
}
