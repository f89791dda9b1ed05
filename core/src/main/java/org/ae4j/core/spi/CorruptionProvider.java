package org.ae4j.core.spi;

/**
 * Service interface for corruption plugins, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.ae4j.core.spi.CorruptionProvider}.
 *
 * @param <C> the config record
 */
public interface CorruptionProvider<C extends Record> extends PluginProvider<C, Corruption> {
}
