package org.ae4j.core.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads checkpoint files. A write goes to a temporary file in the same directory, is forced to disk,
 * then atomically renamed over the target, and the directory is synced where the OS allows it: a crash at any
 * moment leaves the previous checkpoint or the new one, never a broken file. A read verifies magic, version,
 * length and checksum before it trusts anything.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private CheckpointStore() {
    }

    /**
     * Replaces the checkpoint at path (creating its directory if needed).
     *
     * @throws CheckpointException when it cannot; the previous checkpoint, if any, is then untouched
     */
    public static void write(Path path, Checkpoint checkpoint) {
        write(path, checkpoint, UnaryOperator.identity());
    }

    /** As {@link #write(Path, Checkpoint)}, with the temporary file's channel wrapped (tests inject faults). */
    static void write(Path path, Checkpoint checkpoint, UnaryOperator<WritableByteChannel> wrap) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        long t0 = System.nanoTime();
        Entries entries = CheckpointCodec.encode(checkpoint);
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + TEMP_SUFFIX);
            long bytes;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                bytes = CheckpointFile.write(entries, wrap.apply(ch));
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
            LOG.debug("wrote checkpoint {} ({} bytes, step {}) in {} ms", target, bytes,
                    checkpoint.position().globalStep(), (System.nanoTime() - t0) / 1_000_000);
        } catch (AtomicMoveNotSupportedException e) {
            throw new CheckpointException(target, "the file system cannot rename atomically; nothing was replaced", e);
        } catch (IOException e) {
            throw new CheckpointException(target, "could not write (" + e + "); the previous checkpoint is untouched",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("could not delete the temporary checkpoint file {}: {}", temp, e.toString());
                }
            }
        }
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws CheckpointException naming the file and what is wrong: missing, bad magic, unsupported version,
     *     truncated at byte N, checksum mismatch, or missing or invalid entries
     */
    public static Checkpoint read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return CheckpointCodec.decode(CheckpointFile.read(ch));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(path, "no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(path, "could not read (" + e + ")", e);
        } catch (MalformedCheckpointException e) {
            throw new CheckpointException(path, e.getMessage(), e);
        }
    }

    /**
     * Deletes temporary files that an interrupted write of this checkpoint left behind (a process killed while
     * writing). Call it only while no other process writes the same checkpoint. Returns how many it deleted.
     */
    public static int deleteStaleTemporaries(Path path) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + target.getFileName() + ".";
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isTemporary(p, prefix))) {
            for (Path p : files) {
                if (Files.deleteIfExists(p)) {
                    deleted++;
                    LOG.info("deleted {}, left by an interrupted checkpoint write", p);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean up temporary checkpoint files in {}: {}", dir, e.toString());
        }
        return deleted;
    }

    private static boolean isTemporary(Path p, String prefix) {
        String name = p.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String middle = name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length());
        return !middle.isEmpty() && middle.length() <= 16 && middle.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** fsync of the directory, so the rename itself is durable; not possible everywhere (Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {} on this platform: {}", dir, e.toString());
        }
    }
}
