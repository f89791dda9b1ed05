package org.ae4j.core.spi;

/**
 * Service interface for regularizer plugins, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.ae4j.core.spi.RegularizerProvider}.
 *
 * @param <C> the config record
 */
public interface RegularizerProvider<C extends Record> extends PluginProvider<C, Regularizer> {
}
