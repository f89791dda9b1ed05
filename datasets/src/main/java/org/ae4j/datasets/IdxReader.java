package org.ae4j.datasets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipException;
import org.ae4j.core.data.Dataset;

/**
 * Reads IDX files, the format MNIST and Fashion-MNIST ship in, raw or gzip-compressed (recognised by the gzip
 * magic bytes 0x1f8b, not by the file name). Data files (magic 0x00000803 for uint8 images, or any IDX type
 * with at least 2 dimensions) become one row per item of rows·cols floats; label files (0x00000801, or any
 * 1-dimensional integer IDX) become int arrays. Immutable: {@link #withScale} and {@link #withLimit} return
 * configured copies. Every error is a {@link DatasetException} naming the file.
 */
public final class IdxReader {
    /** Magic number of MNIST-style image files: unsigned bytes, 3 dimensions (items, rows, cols). */
    public static final int MAGIC_IMAGES = 0x00000803;
    /** Magic number of MNIST-style label files: unsigned bytes, 1 dimension. */
    public static final int MAGIC_LABELS = 0x00000801;

    static final String DATA_MAGIC = "0x00000803 (uint8 images) or another IDX data magic number 0x0000TTNN "
            + "(TT = " + IdxType.CODES + "; NN >= 2 dimensions)";
    static final String LABEL_MAGIC = "0x00000801 (uint8 labels) or another 1-dimensional integer IDX magic "
            + "number 0x0000TT01 (TT = 08 ubyte, 09 byte, 0B short, 0C int)";

    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private final double scale;
    private final int limit;

    /** A reader with scale 1 and no row limit. */
    public IdxReader() {
        this(1.0, Integer.MAX_VALUE);
    }

    private IdxReader(double scale, int limit) {
        this.scale = scale;
        this.limit = limit;
    }

    /** A copy that multiplies every data value by {@code scale} (e.g. 1/255.0 for uint8 images to [0,1]). */
    public IdxReader withScale(double scale) {
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("scale: expected a finite number > 0, got " + scale);
        }
        return new IdxReader(scale, limit);
    }

    /** A copy that reads only the first {@code rows} items of each file (all of them if the file has fewer). */
    public IdxReader withLimit(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("limit: expected at least 1 row, got " + rows);
        }
        return new IdxReader(scale, rows);
    }

    public double scale() {
        return scale;
    }

    /** The row limit; {@link Integer#MAX_VALUE} when there is none. */
    public int limit() {
        return limit;
    }

    /** Reads a data file (images, or any IDX data with at least 2 dimensions) without labels. */
    public Dataset readData(Path file) {
        return read(file, null);
    }

    /** Reads a label file: 1-dimensional integer IDX, as MNIST's {@code *-labels-idx1-ubyte}. */
    public int[] readLabels(Path file) {
        Input in = Input.of(file);
        return use(in, s -> readLabels(in.name(), s)).labels();
    }

    /**
     * Reads a data file and, unless {@code labels} is null, its label file; the two must hold the same
     * number of items. The dataset's source is the data file.
     */
    public Dataset read(Path data, Path labels) {
        Objects.requireNonNull(data, "data");
        return read(data.toString(), Input.of(data), labels == null ? null : Input.of(labels));
    }

    /** Reads {@code data} and, unless null, {@code labels} into a dataset whose source is {@code source}. */
    Dataset read(String source, Input data, Input labels) {
        Labels l = labels == null ? null : use(labels, s -> readLabels(labels.name(), s));
        Matrix m = use(data, s -> readMatrix(data.name(), s));
        if (l == null) {
            return new Dataset(source, m.values(), m.rows(), m.cols());
        }
        if (l.header().items() != m.header().items()) {
            throw new DatasetException("label count does not match image count: expected " + m.header().items()
                    + " labels (one per item of " + data.name() + "), found " + l.header().items() + " in "
                    + labels.name());
        }
        return new Dataset(source, m.values(), m.rows(), m.cols(), l.labels());
    }

    /** Reads only the header of {@code input}. */
    static IdxHeader header(Input input) {
        return use(input, s -> IdxHeader.read(input.name(), s, DATA_MAGIC));
    }

    private Matrix readMatrix(String name, InputStream in) throws IOException {
        IdxHeader h = IdxHeader.read(name, in, DATA_MAGIC);
        if (h.dims().length < 2) {
            String what = h.magic() == MAGIC_LABELS
                    ? "a label file given where images are expected: expected magic 0x00000803 (images: items x "
                            + "rows x cols) or other IDX data with at least 2 dimensions"
                    : "wrong dimensions: expected at least 2 (items x values per item)";
            throw new DatasetException(name + ": " + what + ", found " + h.describe());
        }
        int rows = Math.min(h.items(), limit);
        long total = rows * h.valuesPerItem();
        if (h.valuesPerItem() > MAX_VALUES || total > MAX_VALUES) {
            throw new DatasetException(name + ": wrong dimensions: expected at most " + MAX_VALUES
                    + " values in all, found " + rows + " items of " + h.valuesPerItem() + " values ("
                    + h.describe() + ")");
        }
        float[] values = new float[(int) total];
        IdxDecoder.readFloats(h, rows, in, values, scale);
        expectEnd(h, rows, in);
        return new Matrix(h, values, rows, (int) h.valuesPerItem());
    }

    private Labels readLabels(String name, InputStream in) throws IOException {
        IdxHeader h = IdxHeader.read(name, in, LABEL_MAGIC);
        if (h.dims().length != 1 || !h.type().integral()) {
            String what = h.magic() == MAGIC_IMAGES
                    ? "an image file given where labels are expected: expected magic 0x00000801 (labels, 1 dimension)"
                    : "wrong label file: expected 1-dimensional integer labels (" + LABEL_MAGIC + ")";
            throw new DatasetException(name + ": " + what + ", found " + h.describe());
        }
        int[] labels = new int[Math.min(h.items(), limit)];
        IdxDecoder.readInts(h, in, labels);
        expectEnd(h, labels.length, in);
        return new Labels(h, labels);
    }

    /** When the whole file was read, checks that nothing follows the data the header announces. */
    private static void expectEnd(IdxHeader h, int rows, InputStream in) throws IOException {
        if (rows == h.items() && in.read() >= 0) {
            long bytes = h.items() * h.valuesPerItem() * h.type().size;
            throw new DatasetException(h.source() + ": wrong dimensions: expected " + bytes + " bytes of data for "
                    + h.describe() + ", found more after them");
        }
    }

    /** Reads up to {@code len} bytes; returns how many were read (fewer only at the end of the stream). */
    static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(b, off + n, len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            // a gzip stream cut short: report it as the end, so the caller counts what was there
        }
        return n;
    }

    /** Opens {@code input}, decompressing gzip, and runs {@code body}, turning I/O failures into errors. */
    private static <T> T use(Input input, Body<T> body) {
        try (InputStream raw = input.opener().open();
                InputStream in = decompress(raw)) {
            return body.apply(in);
        } catch (NoSuchFileException e) {
            throw new DatasetException(input.name() + ": no such file (expected an IDX file)", e);
        } catch (AccessDeniedException e) {
            throw new DatasetException(input.name() + ": cannot read the file (permission denied)", e);
        } catch (ZipException e) {
            throw new DatasetException(input.name() + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new DatasetException(input.name() + ": truncated file: the gzip stream ends early", e);
        } catch (IOException e) {
            throw new DatasetException(input.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream decompress(InputStream raw) throws IOException {
        return Inputs.decompress(raw);
    }

    /** Something to read: a name for messages and a way to open it. */
    record Input(String name, Opener opener) {
        static Input of(Path file) {
            Objects.requireNonNull(file, "file");
            return new Input(file.toString(), () -> {
                if (Files.isDirectory(file)) {
                    throw new DatasetException(file + ": expected an IDX file, found a directory");
                }
                return Files.newInputStream(file);
            });
        }
    }

    /** Opens a stream. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    @FunctionalInterface
    private interface Body<T> {
        T apply(InputStream in) throws IOException;
    }

    private record Matrix(IdxHeader header, float[] values, int rows, int cols) {}

    private record Labels(IdxHeader header, int[] labels) {}
}
