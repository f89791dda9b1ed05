package org.ae4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Map;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;
import org.ae4j.core.spi.PluginProvider;
import org.ae4j.core.train.Trainer;

/**
 * Guice wiring for applications: binds the {@link PluginRegistry} (a singleton, the only ServiceLoader caller)
 * and the chosen {@link Backend}, created from a spec such as {@code cpu:threads=2}. Plugins never see Guice.
 */
public final class Ae4jModule extends AbstractModule {
    private final PluginSpec backend;
    private final ClassLoader loader;

    /** Binds the registry of the given loader and the backend named by {@code backendSpec}. */
    public Ae4jModule(String backendSpec, ClassLoader loader) {
        this.backend = PluginSpec.parse(backendSpec);
        this.loader = loader;
    }

    /** Binds the registry of this module's loader and the backend named by {@code backendSpec}. */
    public Ae4jModule(String backendSpec) {
        this(backendSpec, Ae4jModule.class.getClassLoader());
    }

    @Provides
    @Singleton
    PluginRegistry registry() {
        return new PluginRegistry(loader);
    }

    @Provides
    @Singleton
    Backend backend(PluginRegistry registry) {
        BackendProvider<?> p = registry.backend(backend.name());
        return (Backend) ((PluginProvider<?, ?>) p).createUnchecked(p.parseConfig(backend.options()));
    }

    @Provides
    Trainer trainer(Backend backend) {
        return new Trainer(backend);
    }

    /** The backend spec this module binds. */
    public Map<String, String> backendOptions() {
        return backend.options();
    }
}
