package org.ae4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;
import org.ae4j.core.spi.PluginProvider;

/** Creates the backend the user chose. */
final class Backends {
    private Backends() {
    }

    /** A backend from {@code name[:options]}, with {@code threads} passed when the backend has that option. */
    static Backend create(PluginRegistry registry, String spec, int threads) {
        PluginSpec s = PluginSpec.parse(spec);
        BackendProvider<?> p = registry.backend(s.name());
        Map<String, String> options = new LinkedHashMap<>(s.options());
        boolean hasThreads = java.util.Arrays.stream(p.configType().getRecordComponents())
                .anyMatch(c -> c.getName().equals("threads"));
        if (hasThreads && !options.containsKey("threads")) {
            options.put("threads", Integer.toString(threads));
        }
        return (Backend) ((PluginProvider<?, ?>) p).createUnchecked(p.parseConfig(options));
    }
}
