package org.ae4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.ae4j.backend.ort.OnnxModelException;
import org.ae4j.core.checkpoint.CheckpointException;
import org.ae4j.core.registry.PluginException;
import org.ae4j.core.train.TrainingDivergedException;

/** Which failures the command reports as a one-line error, and with which exit code. */
final class Errors {
    private Errors() {
    }

    /** {@link Main#EXIT_USAGE}, {@link Main#EXIT_FAILED}, or −1 for a bug (rethrown, with its stack trace). */
    static int exitCode(Throwable e) {
        if (e instanceof TrainingDivergedException) {
            return Main.EXIT_FAILED;
        }
        if (e instanceof IllegalArgumentException || e instanceof PluginException
                || e instanceof UnsupportedOperationException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof OnnxModelException
                || e instanceof CheckpointException) {
            return Main.EXIT_USAGE;
        }
        return -1;
    }

    /** The message after {@code ae4j: error: }. */
    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory" + (f.getReason() != null ? " (" + f.getReason() + ")" : "");
        }
        if (t instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : t.getClass().getSimpleName());
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
