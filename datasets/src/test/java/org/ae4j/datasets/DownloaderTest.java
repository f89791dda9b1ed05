package org.ae4j.datasets;

import static org.ae4j.datasets.IdxFixtures.gzip;
import static org.ae4j.datasets.IdxFixtures.images;
import static org.ae4j.datasets.IdxFixtures.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server on 127.0.0.1 (never the internet): good, truncated and corrupt files. */
class DownloaderTest {
    private static final String NAME = NamedDatasets.FASHION_MNIST;
    private static final String IMAGES = MnistLayout.imagesName(Split.TEST);
    private static final String LABELS = MnistLayout.labelsName(Split.TEST);

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> sha256 = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        put(IMAGES, gzip(images(5, 2, 3)));
        put(LABELS, gzip(labels(5)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private void put(String file, byte[] bytes) {
        files.put(file, bytes);
        sha256.put(file, sha(bytes));
    }

    /**
     * /good/F serves F; /short/F announces F's length, sends half and drops the connection; /stall/F sends half
     * and then nothing; /corrupt/F flips a byte; anything else is 404.
     */
    private void handle(HttpExchange x) throws IOException {
        requests.add(x.getRequestURI().getPath());
        String[] parts = x.getRequestURI().getPath().split("/");
        byte[] body = parts.length == 3 ? files.get(parts[2]) : null;
        try (x; OutputStream out = x.getResponseBody()) {
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            switch (parts[1]) {
                case "good" -> {
                    x.sendResponseHeaders(200, body.length);
                    out.write(body);
                }
                case "short", "stall" -> {
                    x.sendResponseHeaders(200, body.length);
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    if (parts[1].equals("short")) {
                        new Thread(() -> server.stop(0)).start();
                    }
                    release.await(20, TimeUnit.SECONDS);
                }
                case "corrupt" -> {
                    byte[] bad = body.clone();
                    bad[bad.length / 2] ^= 1;
                    x.sendResponseHeaders(200, bad.length);
                    out.write(bad);
                }
                default -> x.sendResponseHeaders(404, -1);
            }
        } catch (IOException e) {
            // the short response ends the exchange early, as intended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI base(String kind) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/");
    }

    private Path home() {
        return tmp.resolve("home");
    }

    private Path cache() {
        return home().resolve(".cache/ae4j").resolve(NAME);
    }

    private DatasetLocator locator(Map<String, String> env, URI base) {
        return locator(env, base, new Downloader(List.of(new Mirror(NAME, base, sha256))));
    }

    private DatasetLocator locator(Map<String, String> env, URI base, Downloader d) {
        return new DatasetLocator(env, home(), tmp.resolve("system")).withDownloader(d);
    }

    private String failure(DatasetLocator locator) {
        return assertThrows(DatasetException.class, () -> Datasets.source(NAME, locator).load(Split.TEST)).getMessage();
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cache())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache())) {
            return s.toList();
        }
    }

    private static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGoodDownloadLandsInTheCacheAndLoads() throws IOException {
        Dataset d = Datasets.source(NAME, locator(Map.of(), base("good"))).load(Split.TEST);

        assertEquals(5, d.rows());
        assertEquals(4, d.labels()[4]);
        assertEquals(List.of(cache().resolve(IMAGES), cache().resolve(LABELS)),
                cacheFiles().stream().sorted().toList());
        assertTrue(Arrays.equals(files.get(IMAGES), Files.readAllBytes(cache().resolve(IMAGES))));
    }

    @Test
    void aDownloadedSplitIsFoundInTheCacheNextTime() {
        DatasetLocator l = locator(Map.of(), base("good"));
        Datasets.source(NAME, l).load(Split.TEST);
        requests.clear();

        Datasets.source(NAME, l).load(Split.TEST);

        assertEquals(List.of(), requests);
    }

    @Test
    void aTruncatedDownloadFailsClearlyAndLeavesNothingInTheCache() throws IOException {
        String m = failure(locator(Map.of(), base("short")));

        assertTrue(m.contains("truncated download") && m.contains(base("short") + LABELS), m);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aStalledDownloadTimesOutAndLeavesNothingInTheCache() throws IOException {
        Downloader d = new Downloader(List.of(new Mirror(NAME, base("stall"), sha256)),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Duration.ofMillis(500));

        String m = failure(locator(Map.of(), base("stall"), d));

        assertTrue(m.contains(base("stall") + LABELS) && m.contains("no data for 500 ms"), m);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aWrongChecksumFailsClearlyAndLeavesNothingInTheCache() throws IOException {
        String m = failure(locator(Map.of(), base("corrupt")));

        assertTrue(m.contains("checksum mismatch: expected SHA-256 " + sha256.get(LABELS)), m);
        assertTrue(m.contains(base("corrupt") + LABELS), m);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void whenTheImagesFailTheLabelsFetchedBeforeThemAreRemovedToo() throws IOException {
        sha256.put(IMAGES, sha(new byte[] {1}));

        String m = failure(locator(Map.of(), base("good")));

        assertTrue(m.contains(base("good") + IMAGES) && m.contains("checksum mismatch"), m);
        assertEquals(List.of(base("good").getPath() + LABELS, base("good").getPath() + IMAGES), requests);
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aServerThatIsDownFailsListingWhereItLookedAndTheUrlTried() {
        URI base = base("good");
        server.stop(0);

        String m = failure(locator(Map.of(), base));

        assertTrue(m.contains("not found") && m.contains(tmp.resolve("system").resolve(NAME).toString())
                && m.contains(cache().toString()), m);
        assertTrue(m.contains("download it, which failed") && m.contains(base + LABELS)
                && m.contains("cannot connect"), m);
    }

    @Test
    void anHttpErrorStatusIsReported() {
        String m = failure(locator(Map.of(), base("missing")));

        assertTrue(m.contains("expected HTTP status 200, got 404"), m);
    }

    @Test
    void aVerifiedFileAlreadyInTheCacheIsNotFetchedAgain() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve(LABELS), files.get(LABELS));

        Datasets.source(NAME, locator(Map.of(), base("good"))).load(Split.TEST);

        assertEquals(List.of(base("good").getPath() + IMAGES), requests);
    }

    @Test
    void theNoDownloadVariableTurnsDownloadsOff() {
        String m = failure(locator(Map.of(Downloader.NO_DOWNLOAD_ENV, "1"), base("good")));

        assertEquals(List.of(), requests);
        assertTrue(m.contains("not downloaded: AE4J_NO_DOWNLOAD is set"), m);
    }

    @Test
    void anExplicitDataDirectoryIsNeverDownloadedInto() {
        DatasetLocator l = locator(Map.of(), base("good")).withDataDir(tmp.resolve("mine"));

        failure(l);

        assertEquals(List.of(), requests);
    }

    @Test
    void aLocatorWithoutADownloaderSaysItDidNotDownload() {
        DatasetLocator l = new DatasetLocator(Map.of(), home(), tmp.resolve("system"));

        assertTrue(failure(l).contains("(not downloaded: this locator has no downloader)"));
        assertEquals(null, l.downloader());
    }

    @Test
    void theNoDownloadVariableIsOffOnlyForEmptyZeroFalseOrNo() {
        assertTrue(Downloader.disabledBy(Map.of(Downloader.NO_DOWNLOAD_ENV, "yes")));
        assertFalse(Downloader.disabledBy(Map.of(Downloader.NO_DOWNLOAD_ENV, "0")));
        assertFalse(Downloader.disabledBy(Map.of()));
    }

    @Test
    void theOfficialMirrorsCoverEveryFileOfBothDatasets() {
        for (Mirror m : Mirror.official()) {
            for (Split s : Split.values()) {
                for (String f : Downloader.files(s)) {
                    assertTrue(m.sha256().containsKey(f), m.dataset() + " " + f);
                }
            }
        }
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-images-idx3-ubyte.gz",
                Mirror.fashionMnist().url(IMAGES).toString());
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz",
                Mirror.mnist().url(IMAGES).toString());
    }
}
