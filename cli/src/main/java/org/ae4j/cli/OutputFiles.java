package org.ae4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Output files that are never half-written and never clobbered by a failed run: everything goes to a temporary
 * file beside the target, which is renamed over the target only once it is complete.
 */
final class OutputFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private OutputFiles() {
    }

    /** Writes a file's content into the path it is given. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    /**
     * Checks, before any work is done, that {@code target} can be written: not a directory, in an existing
     * writable directory. Throws IllegalArgumentException naming the option.
     */
    static void check(String option, Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + ": expected a file, got the directory " + target);
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": the directory of " + target + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + ": cannot write in " + dir + " (permission denied)");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new IllegalArgumentException(option + ": " + target + " exists and is not writable");
        }
    }

    /** Writes through a temporary file in the target's directory, then renames it over the target. */
    static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = createTemp(abs);
        boolean done = false;
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new empty file beside the target, created with the default permissions (as the target would be), or the
     * target's own permissions when it exists.
     */
    private static Path createTemp(Path abs) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 10) {
                    continue;
                }
                throw e;
            }
            if (Files.exists(abs)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
                } catch (UnsupportedOperationException | IOException e) {
                    // not a POSIX file system, or not ours to change: keep the defaults
                }
            }
            return tmp;
        }
    }

    /** Writes UTF-8 text through a temporary file. */
    static void writeString(Path target, String content) throws IOException {
        write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }
}
