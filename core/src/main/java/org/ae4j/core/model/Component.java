package org.ae4j.core.model;

import org.ae4j.core.config.ConfigBinder;

/**
 * A plugin instance together with the provider name and config it was made from, so a model can say (and store)
 * exactly what it is built of.
 *
 * @param provider the provider's name
 * @param config the validated config record
 * @param instance what the provider created
 * @param <T> the plugin type
 */
public record Component<T>(String provider, Record config, T instance) {
    /** {@code name:key=value,...} as a user would type it. */
    public String spec() {
        String opts = ConfigBinder.toOptionString(config);
        return opts.isEmpty() ? provider : provider + ":" + opts;
    }

    @Override
    public String toString() {
        return spec();
    }
}
