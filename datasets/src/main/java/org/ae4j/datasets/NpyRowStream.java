package org.ae4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;

/** Reads a .npy file a batch of rows at a time. */
final class NpyRowStream implements RowStream {
    private static final String EXPECTED = "a .npy file";

    private final String source;
    private final InputStream in;
    private final NpyHeader header;
    private final int cols;
    private final double scale;
    private long position;

    NpyRowStream(Path file, double scale) {
        this.source = file.toString();
        this.scale = scale;
        this.in = Inputs.call(source, EXPECTED, () -> Inputs.open(file, EXPECTED));
        try {
            this.header = Inputs.call(source, EXPECTED, () -> NpyHeader.read(source, in).requireRows());
            if (header.cols() > RowStreams.MAX_VALUES) {
                throw new DatasetException(source + ": rows too long: expected at most " + RowStreams.MAX_VALUES
                        + " values per row, found " + header.cols() + " (shape " + header.shapeText() + ")");
            }
            this.cols = (int) header.cols();
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
        return false;
    }

    @Override
    public long rows() {
        return header.rows();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public Dataset next(int maxRows) {
        RowStreams.checkBatch(maxRows);
        long left = header.rows() - position;
        if (left <= 0) {
            return null;
        }
        int n = RowStreams.batchRows(left, maxRows, cols);
        float[] values = new float[n * cols];
        long before = position * cols * header.type().size;
        Inputs.call(source, EXPECTED, () -> {
            NpyDecoder.readFloats(header, in, values, 0, values.length, scale, before);
            if (position + n == header.rows()) {
                NpyDecoder.expectEnd(header, in);
            }
            return null;
        });
        Dataset batch = new Dataset(RowStreams.batchName(this, position, position + n), values, n, cols);
        position += n;
        return batch;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // only read from
        }
    }
}
