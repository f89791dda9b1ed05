package org.ae4j.cli;

import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import picocli.CommandLine.Option;

/** The {@code --backend} and {@code --threads} options of the commands that run a saved model. */
final class BackendOptions {
    @Option(names = "--backend", defaultValue = "cpu", description = "backend name (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads (0: all cores)")
    int threads;

    /** Fails now, with the known names, when the backend does not exist. */
    void check(PluginRegistry registry) {
        registry.backend(org.ae4j.core.config.PluginSpec.parse(backend).name());
    }

    /** The chosen backend; the caller closes it. */
    Backend create(PluginRegistry registry) {
        return Backends.create(registry, backend, threads);
    }
}
