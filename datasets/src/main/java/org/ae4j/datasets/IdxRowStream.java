package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;

/** Reads an IDX data file (and its label file, when given) a batch of rows at a time. */
final class IdxRowStream implements RowStream {
    private static final String EXPECTED = "an IDX file";

    private final String source;
    private final String labelSource;
    private final double scale;
    private InputStream data;
    private InputStream labels;
    private IdxHeader header;
    private IdxHeader labelHeader;
    private int cols;
    private long position;

    /** Streams {@code file} (and {@code labelFile} unless null); uint8 data is multiplied by {@code scale}. */
    IdxRowStream(Path file, Path labelFile, double scale) {
        this.source = file.toString();
        this.labelSource = labelFile == null ? null : labelFile.toString();
        this.scale = scale;
        try {
            Inputs.call(source, EXPECTED, () -> {
                data = Inputs.open(file, EXPECTED);
                header = IdxHeader.read(source, data, IdxReader.DATA_MAGIC);
                return null;
            });
            if (header.dims().length < 2 || header.valuesPerItem() > RowStreams.MAX_VALUES) {
                throw new DatasetException(source + ": wrong dimensions: expected at least 2 (items x values per "
                        + "item) and at most " + RowStreams.MAX_VALUES + " values per item, found "
                        + header.describe());
            }
            cols = (int) header.valuesPerItem();
            if (labelFile != null) {
                Inputs.call(labelSource, EXPECTED, () -> {
                    labels = Inputs.open(labelFile, EXPECTED);
                    labelHeader = IdxHeader.read(labelSource, labels, IdxReader.LABEL_MAGIC);
                    return null;
                });
                if (labelHeader.dims().length != 1 || !labelHeader.type().integral()) {
                    throw new DatasetException(labelSource + ": wrong label file: expected 1-dimensional integer "
                            + "labels (" + IdxReader.LABEL_MAGIC + "), found " + labelHeader.describe());
                }
                if (labelHeader.items() != header.items()) {
                    throw new DatasetException("label count does not match image count: expected "
                            + header.items() + " labels (one per item of " + source + "), found "
                            + labelHeader.items() + " in " + labelSource);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public long rows() {
        return header.items();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public Dataset next(int maxRows) {
        RowStreams.checkBatch(maxRows);
        long left = header.items() - position;
        if (left <= 0) {
            return null;
        }
        int n = RowStreams.batchRows(left, maxRows, cols);
        float[] values = new float[n * cols];
        long before = position * cols * header.type().size;
        Inputs.call(source, EXPECTED, () -> {
            IdxDecoder.readBatch(header, data, values, scale, before);
            return null;
        });
        int[] l = null;
        if (labels != null) {
            int[] read = new int[n];
            Inputs.call(labelSource, EXPECTED, () -> {
                IdxDecoder.readInts(labelHeader, labels, read);
                return null;
            });
            l = read;
        }
        Dataset batch = new Dataset(RowStreams.batchName(this, position, position + n), values, n, cols, l);
        position += n;
        return batch;
    }

    @Override
    public void close() {
        for (InputStream in : new InputStream[] {data, labels}) {
            try {
                if (in != null) {
                    in.close();
                }
            } catch (IOException e) {
                // only read from
            }
        }
    }
}
