package org.ae4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the IDX files of a dataset stored in the MNIST layout (fashion-mnist, mnist) on this machine. Searched in
 * order: the data directory given explicitly ({@link #withDataDir}; when given, nothing else is searched), then
 * {@code $AE4J_DATA/<name>/} and {@code $AE4J_DATA/}, then the user cache {@code $XDG_CACHE_HOME/ae4j/<name>/}
 * (default {@code ~/.cache/ae4j/<name>/}), then {@code /usr/share/datasets/<name>/}, where Debian's dataset
 * packages put them. When found nowhere, a locator with a {@link Downloader} ({@link #system()} has one unless
 * {@code AE4J_NO_DOWNLOAD} is set) downloads the split into the user cache. The environment, home directory,
 * system root and downloader are injectable for tests.
 */
public final class DatasetLocator {
    /** The environment variable naming a directory of datasets. */
    public static final String ENV = "AE4J_DATA";
    /** Where Debian's dataset packages install (e.g. {@code apt-get install dataset-fashion-mnist}). */
    public static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLocator.class);

    private final Map<String, String> env;
    private final Path home;
    private final Path systemRoot;
    private final Path dataDir;
    private final Downloader downloader;
    private final String noDownload;

    /**
     * @param env the environment ({@code AE4J_DATA}, {@code XDG_CACHE_HOME} are read from it)
     * @param home the user's home directory
     * @param systemRoot the system datasets root, normally {@link #SYSTEM_ROOT}
     */
    public DatasetLocator(Map<String, String> env, Path home, Path systemRoot) {
        this(Map.copyOf(env), Objects.requireNonNull(home, "home"), Objects.requireNonNull(systemRoot, "systemRoot"),
                null, null, "this locator has no downloader");
    }

    private DatasetLocator(Map<String, String> env, Path home, Path systemRoot, Path dataDir, Downloader downloader,
            String noDownload) {
        this.env = env;
        this.home = home;
        this.systemRoot = systemRoot;
        this.dataDir = dataDir;
        this.downloader = downloader;
        this.noDownload = noDownload;
    }

    /**
     * The locator for this process: its environment, {@code user.home} and {@link #SYSTEM_ROOT}; it downloads
     * from the official mirrors ({@link Downloader#official()}) unless {@code AE4J_NO_DOWNLOAD} is set.
     */
    public static DatasetLocator system() {
        DatasetLocator l = new DatasetLocator(System.getenv(), Path.of(System.getProperty("user.home")), SYSTEM_ROOT);
        return Downloader.disabledBy(l.env) ? l.withDownloader(null) : l.withDownloader(Downloader.official());
    }

    /** A copy that searches only {@code dir} (as {@code dir/<name>/} and {@code dir/}); null searches as usual. */
    public DatasetLocator withDataDir(Path dir) {
        return new DatasetLocator(env, home, systemRoot, dir, downloader, noDownload);
    }

    /**
     * A copy that downloads datasets found nowhere with {@code downloader}, into the user cache; null never
     * downloads. Downloads stay off when this locator's environment sets {@code AE4J_NO_DOWNLOAD}, or when a
     * data directory is given.
     */
    public DatasetLocator withDownloader(Downloader downloader) {
        if (downloader != null && Downloader.disabledBy(env)) {
            return new DatasetLocator(env, home, systemRoot, dataDir, null, Downloader.NO_DOWNLOAD_ENV + " is set");
        }
        String off = downloader != null ? null
                : Downloader.disabledBy(env) ? Downloader.NO_DOWNLOAD_ENV + " is set" : "downloads are off";
        return new DatasetLocator(env, home, systemRoot, dataDir, downloader, off);
    }

    /** The downloader, or null when this locator never downloads. */
    public Downloader downloader() {
        return downloader;
    }

    /** The user cache directory for a dataset: {@code $XDG_CACHE_HOME/ae4j/<name>} or {@code ~/.cache/ae4j/<name>}. */
    public Path cacheDir(String name) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return root.resolve("ae4j").resolve(name);
    }

    /** The directories searched for {@code name}, in order. */
    public List<Place> places(String name) {
        List<Place> places = new ArrayList<>();
        if (dataDir != null) {
            places.add(new Place("data directory", dataDir.resolve(name)));
            places.add(new Place("data directory", dataDir));
            return places;
        }
        String data = env.get(ENV);
        if (data != null && !data.isBlank()) {
            places.add(new Place(ENV, Path.of(data).resolve(name)));
            places.add(new Place(ENV, Path.of(data)));
        }
        places.add(new Place("user cache", cacheDir(name)));
        places.add(new Place("system datasets", systemRoot.resolve(name)));
        return places;
    }

    /** The files of {@code name}'s split in the first place that has its image file; an error lists every place. */
    public Found locate(String name, Split split) {
        Objects.requireNonNull(split, "split");
        List<Place> places = places(name);
        for (Place place : places) {
            MnistLayout.SplitFiles files = MnistLayout.find(place.dir(), split);
            if (files != null) {
                LOG.info("{} ({}): {} from the {} {}", name, split, files.images().getFileName(), place.what(),
                        place.dir());
                if (files.labels() == null) {
                    LOG.warn("{} ({}): no {} beside {}; loading without labels", name, split,
                            MnistLayout.labelsName(split), files.images());
                }
                return new Found(place, files.images(), files.labels());
            }
        }
        if (dataDir != null || downloader == null || downloader.mirror(name) == null) {
            throw notFound(name, split, places, null);
        }
        Place cache = new Place("download", cacheDir(name));
        LOG.info("{} ({}): found in none of {} places; downloading it from {} into {}", name, split, places.size(),
                downloader.mirror(name).base(), cache.dir());
        try {
            downloader.download(name, split, cache.dir());
        } catch (DatasetException e) {
            throw notFound(name, split, places, e.getMessage());
        }
        MnistLayout.SplitFiles files = MnistLayout.find(cache.dir(), split);
        return new Found(cache, files.images(), files.labels());
    }

    private DatasetException notFound(String name, Split split, List<Place> places, String downloadFailure) {
        String image = MnistLayout.imagesName(split);
        StringBuilder m = new StringBuilder("dataset '").append(name).append("' (").append(split)
                .append(" split) not found: expected ").append(image).append(" (or uncompressed, without .gz) and ")
                .append(MnistLayout.labelsName(split)).append(" in one of these places, searched in order:");
        int i = 1;
        for (Place p : places) {
            String state = Files.isDirectory(p.dir()) ? "no " + image + " there" : "no such directory";
            m.append("\n  ").append(i++).append(". ").append(p.what()).append(": ").append(p.dir())
                    .append(" (").append(state).append(')');
        }
        if (dataDir != null) {
            m.append("\n  (a data directory was given, so no other place was searched)");
        } else if (places.stream().noneMatch(p -> p.what().equals(ENV))) {
            m.append("\n  (").append(ENV).append(" is not set)");
        }
        if (downloadFailure != null) {
            m.append("\nThen tried to download it, which failed: ").append(downloadFailure);
        } else if (dataDir == null && Mirror.official().stream().anyMatch(x -> x.dataset().equals(name))) {
            m.append("\n(not downloaded: ").append(downloader == null ? noDownload
                    : "no mirror known for " + name).append(')');
        }
        m.append("\nTo get it: ").append(howToGet(name));
        return new DatasetException(m.toString());
    }

    private String howToGet(String name) {
        String put = dataDir != null ? " in " + dataDir.resolve(name) + "."
                : " in " + cacheDir(name) + ", or in a directory " + ENV + " names (as " + ENV + "/" + name
                        + "/ or directly).";
        return switch (name) {
            case NamedDatasets.FASHION_MNIST -> "apt-get install dataset-fashion-mnist (Debian, Ubuntu), or put the "
                    + "four IDX .gz files from https://github.com/zalandoresearch/fashion-mnist" + put;
            case NamedDatasets.MNIST -> "put the four MNIST IDX .gz files (train-images-idx3-ubyte.gz, "
                    + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)" + put;
            default -> "put its IDX files, named the MNIST way," + put;
        };
    }

    /** A directory searched, and why: {@code data directory}, {@code AE4J_DATA}, {@code user cache}, ... */
    public record Place(String what, Path dir) {}

    /** Where a split was found: the place, its image file and its label file (null when absent). */
    public record Found(Place place, Path images, Path labels) {}
}
