package org.ae4j.core.spi;

/**
 * Service interface for decoder plugins, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.ae4j.core.spi.DecoderProvider}.
 *
 * @param <C> the config record
 */
public interface DecoderProvider<C extends Record> extends PluginProvider<C, Decoder> {
}
