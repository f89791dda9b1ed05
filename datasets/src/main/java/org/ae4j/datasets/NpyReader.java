package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.ae4j.core.data.Dataset;

/**
 * Reads NumPy .npy files (format versions 1.0, 2.0 and 3.0), raw or gzip-compressed: dtypes float32, float64
 * and uint8 (and integer types), little- or big-endian, in C order. A 1-D array is one column; a 2-D array is
 * rows x columns; more dimensions are flattened after the first, as for IDX. Immutable: {@link #withScale}
 * and {@link #withLimit} return configured copies. Every error is a {@link DatasetException} naming the file.
 */
public final class NpyReader {
    private static final String EXPECTED = "a .npy file";

    private final double scale;
    private final int limit;

    /** A reader with scale 1 and no row limit. */
    public NpyReader() {
        this(1.0, Integer.MAX_VALUE);
    }

    private NpyReader(double scale, int limit) {
        this.scale = scale;
        this.limit = limit;
    }

    /** A copy that multiplies every value by {@code scale} (e.g. 1/255.0 for uint8 images to [0,1]). */
    public NpyReader withScale(double scale) {
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("scale: expected a finite number > 0, got " + scale);
        }
        return new NpyReader(scale, limit);
    }

    /** A copy that reads only the first {@code rows} rows (all of them if the file has fewer). */
    public NpyReader withLimit(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("limit: expected at least 1 row, got " + rows);
        }
        return new NpyReader(scale, rows);
    }

    /** Reads the array as rows of float32 values; the dataset's source is the file. */
    public Dataset read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        return Inputs.call(name, EXPECTED, () -> {
            try (InputStream in = Inputs.open(file, EXPECTED)) {
                NpyHeader h = NpyHeader.read(name, in).requireRows();
                int rows = (int) Math.min(h.rows(), limit);
                if (h.cols() > RowStreams.MAX_VALUES || rows * h.cols() > RowStreams.MAX_VALUES) {
                    throw new DatasetException(name + ": too large to hold in memory: expected at most "
                            + RowStreams.MAX_VALUES + " values, found " + rows + " rows of " + h.cols()
                            + " (shape " + h.shapeText() + "); read it as a stream (Datasets.open)");
                }
                int cols = (int) h.cols();
                float[] values = new float[rows * cols];
                NpyDecoder.readFloats(h, in, values, 0, values.length, scale, 0);
                if (rows == h.rows()) {
                    NpyDecoder.expectEnd(h, in);
                }
                return new Dataset(name, values, rows, cols);
            }
        });
    }

    /** Reads integer labels: a 1-D integer array, or a 2-D one with one column. */
    public int[] readLabels(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        return Inputs.call(name, EXPECTED, () -> {
            try (InputStream in = Inputs.open(file, EXPECTED)) {
                NpyHeader h = NpyHeader.read(name, in).requireRows();
                if (!h.type().integral()) {
                    throw new DatasetException(name + ": labels: expected an integer dtype (|u1, |i1, <i2, <i4, <i8, "
                            + "...), found '" + h.descr() + "'");
                }
                if (h.shape().length > 2 || h.cols() != 1) {
                    throw new DatasetException(name + ": labels: expected shape (n,) or (n, 1), found "
                            + h.shapeText());
                }
                if (h.rows() > RowStreams.MAX_VALUES) {
                    throw new DatasetException(name + ": labels: expected at most " + RowStreams.MAX_VALUES
                            + ", found " + h.rows());
                }
                int[] labels = new int[(int) h.rows()];
                NpyDecoder.readInts(h, in, labels);
                NpyDecoder.expectEnd(h, in);
                return labels;
            }
        });
    }

    /** Reads only the header of {@code file}. */
    static NpyHeader header(Path file) {
        return Inputs.call(file.toString(), EXPECTED, () -> {
            try (InputStream in = Inputs.open(file, EXPECTED)) {
                return NpyHeader.read(file.toString(), in).requireRows();
            }
        });
    }

    /** Opens {@code file} as a stream of rows, each value times {@code scale}. */
    static RowStream stream(Path file, double scale) {
        return new NpyRowStream(file, scale);
    }
}
