package org.ae4j.regularizers;

/**
 * Config of the {@code gaussian} corruption.
 *
 * @param sigma the noise standard deviation σ, &gt;= 0
 * @param clip whether x̃ is clipped to the range [min, max] of the training data
 */
public record GaussianConfig(double sigma, boolean clip) {
    public GaussianConfig {
        Checks.nonNegative("sigma", sigma);
    }

    /** sigma 0.1, no clip. */
    public static GaussianConfig defaults() {
        return new GaussianConfig(0.1, false);
    }
}
