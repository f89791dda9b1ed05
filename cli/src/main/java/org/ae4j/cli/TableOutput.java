package org.ae4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.ae4j.datasets.NpyWriter;

/**
 * Rows of numbers written as CSV (to a file, or to standard output when there is no file) or as a float32 .npy
 * file, chosen by the file's extension. Files are written through {@link OutputFiles}: a failed run leaves an
 * existing file as it was.
 */
final class TableOutput {
    private TableOutput() {
    }

    /** The output formats. */
    enum Format {
        CSV,
        TSV,
        NPY
    }

    /** Receives rows, a chunk at a time: {@code rows} rows of the header's width, row-major. */
    @FunctionalInterface
    interface Sink {
        void append(float[] values, int rows) throws IOException;
    }

    /** Produces every row into a sink. */
    @FunctionalInterface
    interface Producer {
        void produce(Sink sink) throws IOException;
    }

    /** The format of {@code --out}: CSV (standard output) for null, else by extension. */
    static Format formatOf(String option, Path out) {
        if (out == null) {
            return Format.CSV;
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".tsv")) {
            return Format.TSV;
        }
        if (name.endsWith(".npy")) {
            return Format.NPY;
        }
        throw new IllegalArgumentException(option + ": expected a file ending in .csv, .tsv or .npy, got " + out);
    }

    /** Writes the header's columns and every row the producer gives to {@code out}, or to {@code stdout}. */
    static void write(Path out, PrintWriter stdout, List<String> header, Producer producer) throws IOException {
        Format f = formatOf("--out", out);
        int cols = header.size();
        if (out == null) {
            writeText(stdout, ',', header, producer);
            stdout.flush();
        } else if (f == Format.NPY) {
            OutputFiles.write(out, tmp -> {
                Set<PosixFilePermission> perms = permissions(tmp);
                try (NpyWriter w = NpyWriter.create(tmp, cols)) {
                    producer.produce((values, rows) -> w.append(values, 0, rows));
                    w.commit();
                }
                if (perms != null) {
                    // the writer's own temporary file (private) replaced ours: give back the permissions it had
                    Files.setPosixFilePermissions(tmp, perms);
                }
            });
        } else {
            OutputFiles.write(out, tmp -> {
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    writeText(w, f == Format.TSV ? '\t' : ',', header, producer);
                }
            });
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    private static void writeText(Writer w, char sep, List<String> header, Producer producer) throws IOException {
        w.write(String.join(String.valueOf(sep), header));
        w.write('\n');
        int cols = header.size();
        producer.produce((values, rows) -> {
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        sb.append(sep);
                    }
                    append(sb, values[r * cols + c]);
                }
                sb.append('\n');
                if (sb.length() > 1 << 16) {
                    w.write(sb.toString());
                    sb.setLength(0);
                }
            }
            w.write(sb.toString());
            w.flush();
        });
    }

    /** The shortest text that reads back as the same float; whole numbers without a fraction ({@code 0}, {@code 1}). */
    private static void append(StringBuilder sb, float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
