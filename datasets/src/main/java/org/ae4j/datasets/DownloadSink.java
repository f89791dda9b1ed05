package org.ae4j.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a response body from {@link java.net.http.HttpClient} into a file, computing its SHA-256 and logging
 * progress, one buffer at a time; {@link #abort} stops it (the downloader calls it when no data comes for too
 * long, which a blocking read could not notice).
 */
final class DownloadSink implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadSink.class);

    private final String label;
    private final OutputStream out;
    private final MessageDigest digest = newDigest();
    private final long length;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;
    private long nextLog;
    private volatile long lastData = System.nanoTime();
    private boolean closed;

    /** Writes into {@code file}; {@code length} is the announced size (-1 when unknown), for progress. */
    DownloadSink(String label, Path file, long length) throws IOException {
        this.label = label;
        this.out = Files.newOutputStream(file);
        this.length = length;
        this.nextLog = step();
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        if (closed) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (closed) {
            return;
        }
        try {
            for (ByteBuffer b : buffers) {
                int n = b.remaining();
                byte[] chunk = new byte[n];
                b.get(chunk);
                out.write(chunk);
                digest.update(chunk);
                received += n;
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        lastData = System.nanoTime();
        if (received >= nextLog) {
            LOG.info("{}: {}", label, progress());
            nextLog += step();
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable t) {
        closeQuietly();
        done.completeExceptionally(t);
    }

    @Override
    public synchronized void onComplete() {
        try {
            out.close();
            closed = true;
            done.complete(null);
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Stops receiving (cancels the subscription) and closes the file. */
    synchronized void abort() {
        if (subscription != null) {
            subscription.cancel();
        }
        closeQuietly();
        done.cancel(false);
    }

    /** Completes when the whole body is in the file, or exceptionally when receiving it failed. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Bytes received so far. */
    synchronized long received() {
        return received;
    }

    /** {@link System#nanoTime()} when data last came (or when this sink was made). */
    long lastData() {
        return lastData;
    }

    /** The SHA-256 of what was received, lower-case hex; call once, after {@link #done()} completed. */
    synchronized String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void fail(IOException e) {
        if (subscription != null) {
            subscription.cancel();
        }
        closeQuietly();
        done.completeExceptionally(e);
    }

    private void closeQuietly() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted by the downloader
            }
        }
    }

    private long step() {
        return Math.max(1L << 20, length > 0 ? length / 10 : 8L << 20);
    }

    private String progress() {
        String mb = String.format(Locale.ROOT, "%.1f", received / 1e6);
        return length > 0 ? String.format(Locale.ROOT, "%d%% (%s of %.1f MB)", 100 * received / length, mb,
                length / 1e6) : mb + " MB";
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: expected in every Java runtime, found none", e);
        }
    }
}
