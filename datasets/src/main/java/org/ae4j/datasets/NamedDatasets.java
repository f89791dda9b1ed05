package org.ae4j.datasets;

import java.util.List;
import java.util.Locale;
import org.ae4j.core.data.Dataset;

/**
 * The datasets ae4j knows by name: {@code embedded} (the default; a Fashion-MNIST subset bundled in this jar),
 * {@code fashion-mnist} and {@code mnist} (found on this machine by a {@link DatasetLocator}).
 */
public final class NamedDatasets {
    public static final String EMBEDDED = "embedded";
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String MNIST = "mnist";
    /** The dataset used when none is named. */
    public static final String DEFAULT = EMBEDDED;

    private static final List<String> NAMES = List.of(EMBEDDED, FASHION_MNIST, MNIST);

    private final DatasetLocator locator;

    /** Named datasets found through {@code locator}. */
    public NamedDatasets(DatasetLocator locator) {
        this.locator = locator;
    }

    /** The known names, the default first. */
    public static List<String> names() {
        return NAMES;
    }

    /** True when {@code text} is a known name (in any case). */
    public static boolean isName(String text) {
        return text != null && NAMES.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    /** The source of a named dataset. */
    public DatasetSource source(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case EMBEDDED -> Embedded.source();
            case FASHION_MNIST, MNIST -> IdxSources.located(n, locator);
            default -> throw new DatasetException("dataset name: expected one of " + String.join(", ", NAMES)
                    + ", got '" + name + "'");
        };
    }

    /** Loads a split of a named dataset. */
    public Dataset load(String name, Split split) {
        return source(name).load(split);
    }
}
