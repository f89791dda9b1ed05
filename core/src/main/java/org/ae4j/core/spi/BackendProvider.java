package org.ae4j.core.spi;

/**
 * Service interface for backend plugins, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.ae4j.core.spi.BackendProvider}.
 *
 * @param <C> the config record
 */
public interface BackendProvider<C extends Record> extends PluginProvider<C, Backend> {
}
