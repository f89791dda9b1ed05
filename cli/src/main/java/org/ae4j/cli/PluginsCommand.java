package org.ae4j.cli;

import java.util.Map;
import org.ae4j.core.config.ConfigBinder;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.PluginProvider;
import picocli.CommandLine.Command;

/** {@code ae4j plugins}: every discovered plugin with its options and defaults. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List every discovered encoder, decoder, regularizer, corruption and backend.")
final class PluginsCommand implements Runnable {
    @Override
    public void run() {
        PluginRegistry registry = new PluginRegistry();
        for (PluginKind kind : PluginKind.values()) {
            System.out.println(kind.label() + "s:");
            for (Map.Entry<String, PluginProvider<?, ?>> e : registry.providers(kind).entrySet()) {
                String defaults = ConfigBinder.toOptionString(e.getValue().defaultConfig());
                System.out.printf("  %-16s %s%n", e.getKey(), e.getValue().description());
                if (!defaults.isEmpty()) {
                    System.out.printf("  %-16s defaults: %s%n", "", defaults);
                }
            }
        }
        for (String f : registry.failures()) {
            System.out.println("failed to load: " + f);
        }
    }
}
