package org.ae4j.core.spi;

/**
 * Service interface for encoder plugins, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.ae4j.core.spi.EncoderProvider}.
 *
 * @param <C> the config record
 */
public interface EncoderProvider<C extends Record> extends PluginProvider<C, Encoder> {
}
