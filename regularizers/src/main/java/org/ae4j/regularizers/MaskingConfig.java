package org.ae4j.regularizers;

/**
 * Config of the {@code masking} corruption.
 *
 * @param level the probability ν that a feature is zeroed, 0 &lt;= ν &lt; 1
 */
public record MaskingConfig(double level) {
    public MaskingConfig {
        Checks.probability("level", level);
    }

    /** level 0.25. */
    public static MaskingConfig defaults() {
        return new MaskingConfig(0.25);
    }
}
