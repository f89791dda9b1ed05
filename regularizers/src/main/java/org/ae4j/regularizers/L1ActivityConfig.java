package org.ae4j.regularizers;

/**
 * Config of {@code l1-activity}.
 *
 * @param lambda the weight λ of the penalty, &gt;= 0
 */
public record L1ActivityConfig(double lambda) {
    public L1ActivityConfig {
        Checks.nonNegative("lambda", lambda);
    }

    /** lambda 0.001. */
    public static L1ActivityConfig defaults() {
        return new L1ActivityConfig(1e-3);
    }
}
