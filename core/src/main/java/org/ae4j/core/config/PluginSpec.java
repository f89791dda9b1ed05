package org.ae4j.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin chosen by name with options, as users type it: {@code kl-sparsity:rho=0.05,beta=3}.
 *
 * @param name the provider name
 * @param options option keys and raw values, in the order given
 */
public record PluginSpec(String name, Map<String, String> options) {
    public PluginSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plugin: expected a name, got '" + name + "'");
        }
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Parses {@code name[:key=value[,key=value...]]}. */
    public static PluginSpec parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon).trim();
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0 && colon < t.length() - 1) {
            for (String pair : t.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("plugin '" + name + "': expected key=value, got '" + pair
                            + "' in '" + text + "'");
                }
                String key = pair.substring(0, eq).trim();
                if (options.put(key, pair.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("plugin '" + name + "': option '" + key + "' given twice");
                }
            }
        }
        return new PluginSpec(name, options);
    }
}
