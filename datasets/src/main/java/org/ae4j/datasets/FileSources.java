package org.ae4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ae4j.core.data.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link DatasetSource} of one data file, by its format: IDX, CSV or .npy. A file has no splits. */
final class FileSources {
    private static final Logger LOG = LoggerFactory.getLogger(FileSources.class);
    /** CSV rows take at most twice the file's bytes in memory (a 1-digit value and its comma: 2 bytes, 4 as float). */
    private static final long CSV_BYTES_PER_BYTE = 2;
    /** For gzip CSV, a rough ratio: compressed numbers text is rarely smaller than a tenth. */
    private static final long GZIP_CSV_BYTES_PER_BYTE = 20;

    private FileSources() {}

    /** The source for {@code file}, in the format given in {@code options} or detected. */
    static DatasetSource of(Path file, ReadOptions options) {
        return switch (options.formatOf(file)) {
            case IDX -> IdxSources.file(file);
            case CSV -> csv(file, options.csv());
            case NPY -> npy(file);
        };
    }

    private static DatasetSource csv(Path file, CsvOptions options) {
        CsvReader reader = new CsvReader(options);
        return new Source(file) {
            @Override
            public Dataset load(Split split, int limit) {
                CsvReader.CsvTable t = reader.read(file, limit);
                logLabelNames(file, t.labelNames());
                return t.data();
            }

            @Override
            public Opened open(Split split, long budgetBytes) {
                long size = size(file);
                long bytes = size * (Inputs.isGzip(file) ? GZIP_CSV_BYTES_PER_BYTE : CSV_BYTES_PER_BYTE);
                return Budget.choose(file.toString(), bytes, budgetBytes, () -> load(split), () -> reader.stream(file));
            }
        };
    }

    private static DatasetSource npy(Path file) {
        return new Source(file) {
            @Override
            public Dataset load(Split split, int limit) {
                return new NpyReader().withScale(scale(NpyReader.header(file))).withLimit(limit).read(file);
            }

            @Override
            public Opened open(Split split, long budgetBytes) {
                Budget.check(budgetBytes);
                NpyHeader h = NpyReader.header(file);
                return Budget.choose(file.toString(), Budget.rowBytes(h.rows(), h.cols(), false), budgetBytes,
                        () -> load(split), () -> NpyReader.stream(file, scale(h)));
            }
        };
    }

    /** 1/255 for uint8 data (to [0,1], as for IDX images), 1 otherwise. */
    private static double scale(NpyHeader h) {
        return h.type() == NpyType.UINT8 ? 1 / 255.0 : 1.0;
    }

    static void logLabelNames(Path file, List<String> names) {
        if (!names.isEmpty()) {
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                m.append(i == 0 ? "" : ", ").append(i).append('=').append(names.get(i));
            }
            LOG.info("{}: labels are names, numbered in order of first appearance: {}", file, m);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw Inputs.failure(file.toString(), "a CSV file", e);
        }
    }

    /** A source named after its file. */
    private abstract static class Source implements DatasetSource {
        private final Path file;

        Source(Path file) {
            this.file = file;
        }

        @Override
        public String name() {
            return file.toString();
        }
    }
}
