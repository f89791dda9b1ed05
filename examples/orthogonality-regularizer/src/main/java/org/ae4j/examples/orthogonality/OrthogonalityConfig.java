package org.ae4j.examples.orthogonality;

/**
 * Config of {@code orthogonality}, validated on construction.
 *
 * @param lambda the weight λ of the penalty, &gt;= 0
 */
public record OrthogonalityConfig(double lambda) {
    public OrthogonalityConfig {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda: expected >= 0, got " + lambda);
        }
    }

    /** lambda 0.1. */
    public static OrthogonalityConfig defaults() {
        return new OrthogonalityConfig(0.1);
    }
}
