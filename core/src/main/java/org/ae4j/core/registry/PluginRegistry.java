package org.ae4j.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.spi.BackendProvider;
import org.ae4j.core.spi.CorruptionProvider;
import org.ae4j.core.spi.DecoderProvider;
import org.ae4j.core.spi.EncoderProvider;
import org.ae4j.core.spi.PluginProvider;
import org.ae4j.core.spi.RegularizerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plugin provider on a class path, by kind and name. This is the only caller of {@link ServiceLoader}.
 *
 * <p>A duplicate name fails construction, naming both classes. A provider that throws while loading is skipped
 * with a warning, recorded in {@link #failures()}, and named when someone asks for it; the others still load.
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<PluginKind, Map<String, PluginProvider<?, ?>>> providers = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /** Loads providers visible to the given class loader. */
    public PluginRegistry(ClassLoader loader) {
        for (PluginKind kind : PluginKind.values()) {
            providers.put(kind, load(kind, loader));
        }
    }

    /** Loads providers visible to this class's loader. */
    public PluginRegistry() {
        this(PluginRegistry.class.getClassLoader());
    }

    private Map<String, PluginProvider<?, ?>> load(PluginKind kind, ClassLoader loader) {
        Map<String, PluginProvider<?, ?>> byName = new TreeMap<>();
        Iterator<? extends PluginProvider<?, ?>> it = ServiceLoader.load(kind.serviceType(), loader).iterator();
        while (true) {
            PluginProvider<?, ?> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                String msg = kind.label() + " provider failed to load: " + e.getMessage()
                        + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
                failures.add(msg);
                LOG.warn("{}", msg);
                continue;
            }
            String name = p.name();
            if (name == null || !KEBAB.matcher(name).matches()) {
                throw new PluginException(kind.label() + " provider " + p.getClass().getName()
                        + ": expected a kebab-case name, got '" + name + "'");
            }
            PluginProvider<?, ?> previous = byName.putIfAbsent(name, p);
            if (previous != null) {
                throw new PluginException("duplicate " + kind.label() + " name '" + name + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Providers of one kind, by name (sorted). */
    public Map<String, PluginProvider<?, ?>> providers(PluginKind kind) {
        return providers.get(kind);
    }

    /** Messages of providers that failed to load. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The provider of a kind by name, or a PluginException listing the known names. */
    public PluginProvider<?, ?> provider(PluginKind kind, String name) {
        PluginProvider<?, ?> p = providers.get(kind).get(name);
        if (p == null) {
            StringBuilder sb = new StringBuilder("unknown " + kind.label() + " '" + name + "'; known: "
                    + String.join(", ", providers.get(kind).keySet()));
            for (String f : failures) {
                if (f.contains(name)) {
                    sb.append("; note: ").append(f);
                }
            }
            throw new PluginException(sb.toString());
        }
        return p;
    }

    /** Creates a plugin from a user spec like {@code kl-sparsity:rho=0.05,beta=3}. */
    public <T> Component<T> create(PluginKind kind, Class<T> type, PluginSpec spec) {
        PluginProvider<?, ?> p = provider(kind, spec.name());
        Record config = p.parseConfig(spec.options());
        Object instance = p.createUnchecked(config);
        return new Component<>(p.name(), config, type.cast(instance));
    }

    /** Creates a plugin from a parsed spec string. */
    public <T> Component<T> create(PluginKind kind, Class<T> type, String spec) {
        return create(kind, type, PluginSpec.parse(spec));
    }

    /** Typed access: encoder providers. */
    public EncoderProvider<?> encoder(String name) {
        return (EncoderProvider<?>) provider(PluginKind.ENCODER, name);
    }

    /** Typed access: decoder providers. */
    public DecoderProvider<?> decoder(String name) {
        return (DecoderProvider<?>) provider(PluginKind.DECODER, name);
    }

    /** Typed access: regularizer providers. */
    public RegularizerProvider<?> regularizer(String name) {
        return (RegularizerProvider<?>) provider(PluginKind.REGULARIZER, name);
    }

    /** Typed access: corruption providers. */
    public CorruptionProvider<?> corruption(String name) {
        return (CorruptionProvider<?>) provider(PluginKind.CORRUPTION, name);
    }

    /** Typed access: backend providers. */
    public BackendProvider<?> backend(String name) {
        return (BackendProvider<?>) provider(PluginKind.BACKEND, name);
    }
}
