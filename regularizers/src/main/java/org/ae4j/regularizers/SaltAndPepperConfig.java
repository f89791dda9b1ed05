package org.ae4j.regularizers;

/**
 * Config of the {@code salt-and-pepper} corruption.
 *
 * @param level the probability ν that a feature is replaced (by the data minimum or maximum, half each),
 *              0 &lt;= ν &lt; 1
 */
public record SaltAndPepperConfig(double level) {
    public SaltAndPepperConfig {
        Checks.probability("level", level);
    }

    /** level 0.1. */
    public static SaltAndPepperConfig defaults() {
        return new SaltAndPepperConfig(0.1);
    }
}
