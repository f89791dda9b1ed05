package org.ae4j.core.registry;

import org.ae4j.core.spi.BackendProvider;
import org.ae4j.core.spi.CorruptionProvider;
import org.ae4j.core.spi.DecoderProvider;
import org.ae4j.core.spi.EncoderProvider;
import org.ae4j.core.spi.PluginProvider;
import org.ae4j.core.spi.RegularizerProvider;

/** The five kinds of plugin and their service interfaces. */
public enum PluginKind {
    ENCODER("encoder", EncoderProvider.class),
    DECODER("decoder", DecoderProvider.class),
    REGULARIZER("regularizer", RegularizerProvider.class),
    CORRUPTION("corruption", CorruptionProvider.class),
    BACKEND("backend", BackendProvider.class);

    private final String label;
    private final Class<?> serviceType;

    PluginKind(String label, Class<?> serviceType) {
        this.label = label;
        this.serviceType = serviceType;
    }

    /** Lower-case label used in messages. */
    public String label() {
        return label;
    }

    /** The service interface. */
    @SuppressWarnings("unchecked")
    public Class<PluginProvider<?, ?>> serviceType() {
        return (Class<PluginProvider<?, ?>>) serviceType;
    }
}
