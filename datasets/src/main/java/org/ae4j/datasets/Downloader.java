package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the files of a named dataset from its {@link Mirror} with {@link HttpClient}. Each file is written
 * to a temporary file in the target directory, and renamed to its real name (atomically) only once its SHA-256
 * matches; a partial, failed, stalled or corrupt download is deleted, so nothing unverified is ever where it
 * would be found. Progress is logged. Off when the environment sets {@value #NO_DOWNLOAD_ENV} (see
 * {@link #disabledBy}).
 */
public final class Downloader {
    /** Set to anything but {@code 0}, {@code false} or {@code no} to forbid downloads. */
    public static final String NO_DOWNLOAD_ENV = "AE4J_NO_DOWNLOAD";

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Mirror> mirrors;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * Downloads from {@code mirrors}; {@code timeout} limits connecting, waiting for a response, and any pause
     * in the data.
     */
    public Downloader(List<Mirror> mirrors, HttpClient client, Duration timeout) {
        this.mirrors = mirrors.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Mirror::dataset,
                m -> m));
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Downloads from {@code mirrors} with a default client (redirects followed, 30 s timeouts). */
    public Downloader(List<Mirror> mirrors) {
        this(mirrors, HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build(), TIMEOUT);
    }

    /** Downloads Fashion-MNIST and MNIST from their official mirrors. */
    public static Downloader official() {
        return new Downloader(Mirror.official());
    }

    /** True when {@code env} sets {@value #NO_DOWNLOAD_ENV} to something other than empty, 0, false or no. */
    public static boolean disabledBy(Map<String, String> env) {
        String v = env.get(NO_DOWNLOAD_ENV);
        return v != null && !List.of("", "0", "false", "no").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    /** The mirror of {@code dataset}, or null when this downloader has none. */
    public Mirror mirror(String dataset) {
        return mirrors.get(dataset);
    }

    /** The files a split needs, labels first: {@code t10k-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}. */
    static List<String> files(Split split) {
        return List.of(MnistLayout.labelsName(split), MnistLayout.imagesName(split));
    }

    /**
     * Downloads the label and image files of a split into {@code dir}, labels first (a dataset is found by its
     * image file, so a split is not found until both are there). A file already there with the right SHA-256 is
     * kept. Throws a {@link DatasetException} naming the URL and what went wrong.
     */
    public void download(String dataset, Split split, Path dir) {
        Mirror m = mirror(dataset);
        if (m == null) {
            throw new DatasetException("dataset '" + dataset + "': expected one of " + mirrors.keySet()
                    + " to download, got '" + dataset + "'");
        }
        boolean created = !Files.isDirectory(dir);
        List<Path> fetched = new java.util.ArrayList<>();
        try {
            for (String file : files(split)) {
                String sha = m.sha256().get(file);
                if (sha == null) {
                    throw new DatasetException(m.url(file) + ": no SHA-256 known for " + file
                            + ", so it is not downloaded");
                }
                Path target = dir.resolve(file);
                if (Files.isRegularFile(target) && sha.equals(sha256(target))) {
                    LOG.info("{}: {} already downloaded and verified", dataset, target);
                    continue;
                }
                fetch(dataset, m.url(file), sha, target);
                fetched.add(target);
            }
        } catch (RuntimeException e) {
            undo(fetched, created ? dir : null);
            throw e;
        }
    }

    /** Deletes the files of a split that failed half-way, and the directory when this download created it. */
    private static void undo(List<Path> fetched, Path createdDir) {
        try {
            for (Path p : fetched) {
                Files.deleteIfExists(p);
            }
            if (createdDir != null && Files.isDirectory(createdDir)) {
                try (var entries = Files.list(createdDir)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(createdDir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up after a failed download: {}", e.toString());
        }
    }

    /** Downloads {@code url} to {@code target}, keeping it only when its SHA-256 is {@code sha256}. */
    void fetch(String dataset, URI url, String sha256, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            LOG.info("{}: downloading {} to {}", dataset, url, target);
            long[] length = {-1};
            DownloadSink[] sink = {null};
            Path into = temp;
            HttpResponse.BodyHandler<Void> handler = info -> {
                if (info.statusCode() != 200) {
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                length[0] = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                try {
                    sink[0] = new DownloadSink(dataset + ": " + url.getPath(), into, length[0]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return HttpResponse.BodySubscribers.fromSubscriber(sink[0]);
            };
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            HttpResponse<Void> response = await(url, client.sendAsync(request, handler), () -> sink[0]);
            if (response.statusCode() != 200) {
                throw new DatasetException(url + ": download failed: expected HTTP status 200, got "
                        + response.statusCode());
            }
            await(url, sink[0].done(), () -> sink[0]);
            long got = sink[0].received();
            if (length[0] >= 0 && got != length[0]) {
                throw new DatasetException(url + ": truncated download: expected " + length[0]
                        + " bytes (Content-Length), received " + got + "; the download was deleted");
            }
            String sha = sink[0].sha256();
            if (!sha.equals(sha256)) {
                throw new DatasetException(url + ": checksum mismatch: expected SHA-256 " + sha256 + ", got " + sha
                        + " (" + got + " bytes); the download was deleted");
            }
            move(temp, target);
            temp = null;
            LOG.info("{}: {} verified (SHA-256 {}) and saved as {}", dataset, url, sha256, target);
        } catch (IOException e) {
            throw new DatasetException(url + ": download failed: " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("{}: cannot delete the partial download {}: {}", dataset, temp, e.toString());
                }
            }
        }
    }

    /**
     * Waits for {@code future}, failing when no data has come for {@link #timeout} (the sink, once there is
     * one, says when data last came) and turning failures into errors naming {@code url}.
     */
    private <T> T await(URI url, CompletableFuture<T> future, Supplier<DownloadSink> sink) {
        long start = System.nanoTime();
        while (true) {
            try {
                return future.get(Math.min(timeout.toMillis(), 250), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                DownloadSink s = sink.get();
                long last = s == null ? start : s.lastData();
                if (System.nanoTime() - last > timeout.toNanos()) {
                    future.cancel(true);
                    if (s != null) {
                        s.abort();
                    }
                    String after = s == null ? "" : " after " + s.received() + " bytes";
                    throw new DatasetException(url + ": download failed: no data for " + timeout.toMillis()
                            + " ms" + after + "; the download was deleted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw new DatasetException(url + ": download interrupted", e);
            } catch (ExecutionException e) {
                throw failed(url, e.getCause(), sink.get());
            }
        }
    }

    private static DatasetException failed(URI url, Throwable cause, DownloadSink sink) {
        if (cause instanceof DatasetException d) {
            return d;
        }
        if (cause instanceof ConnectException) {
            return new DatasetException(url + ": download failed: cannot connect to " + url.getHost()
                    + (url.getPort() >= 0 ? ":" + url.getPort() : "") + " (" + cause + ")", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new DatasetException(url + ": download failed: no answer in time (" + cause + ")", cause);
        }
        if (sink != null) {
            return new DatasetException(url + ": truncated download: the connection ended after " + sink.received()
                    + " bytes (" + cause + "); the download was deleted", cause);
        }
        return new DatasetException(url + ": download failed: " + cause, cause);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) {
        MessageDigest digest = DownloadSink.newDigest();
        return Inputs.call(file.toString(), "a file", () -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    digest.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        });
    }
}
