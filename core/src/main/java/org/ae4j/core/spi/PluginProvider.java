package org.ae4j.core.spi;

import java.util.Map;
import org.ae4j.core.config.ConfigBinder;

/**
 * The common shape of every SPI provider: a unique kebab-case name, a typed config record that validates itself
 * in its compact constructor, defaults, and {@code create(config)}.
 *
 * @param <C> the config record
 * @param <T> what the provider creates
 */
public interface PluginProvider<C extends Record, T> {
    /** Unique kebab-case name, e.g. {@code kl-sparsity}. */
    String name();

    /** One line for {@code ae4j plugins}. */
    String description();

    /** The config record type. */
    Class<C> configType();

    /** The config used when the user gives no options. */
    C defaultConfig();

    /** Creates an instance from a validated config. */
    T create(C config);

    /** Binds {@code key=value} options onto the defaults; unknown keys and bad values name the field. */
    default C parseConfig(Map<String, String> options) {
        return ConfigBinder.bind(configType(), defaultConfig(), options, name());
    }

    /** Creates from options, checking the config's type. */
    default T createFromOptions(Map<String, String> options) {
        return create(parseConfig(options));
    }

    /** Creates from a config record of unchecked type (as when a config is read back from a model). */
    default T createUnchecked(Record config) {
        if (!configType().isInstance(config)) {
            throw new IllegalArgumentException(name() + ": expected a config of type " + configType().getSimpleName()
                    + ", got " + config.getClass().getSimpleName());
        }
        return create(configType().cast(config));
    }
}
