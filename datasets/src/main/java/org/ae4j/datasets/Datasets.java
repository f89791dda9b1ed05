package org.ae4j.datasets;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.ae4j.core.data.Dataset;

/**
 * Loads a dataset given by name ({@code embedded}, {@code fashion-mnist}, {@code mnist}) or by path (an IDX
 * file, raw or gzip, with its labels when a label file named the MNIST way lies beside it; or a directory of
 * IDX files in the MNIST layout). This is what the command line's dataset argument goes through.
 */
public final class Datasets {
    private Datasets() {}

    /** Loads a split of a named dataset or an IDX path, finding named ones with {@link DatasetLocator#system()}. */
    public static Dataset load(String nameOrPath, Split split) {
        return source(nameOrPath).load(split);
    }

    /** The source for a name or a path, looking for named datasets with {@link DatasetLocator#system()}. */
    public static DatasetSource source(String nameOrPath) {
        return source(nameOrPath, DatasetLocator.system());
    }

    /** The source for a name or a path; names win over same-named files (write {@code ./mnist} for a file). */
    public static DatasetSource source(String nameOrPath, DatasetLocator locator) {
        String expected = "dataset: expected a name (" + String.join(", ", NamedDatasets.names())
                + ") or the path of an IDX file or of a directory of them, ";
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new DatasetException(expected + "got nothing");
        }
        if (NamedDatasets.isName(nameOrPath)) {
            return new NamedDatasets(locator).source(nameOrPath);
        }
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw new DatasetException(expected + "got '" + nameOrPath + "' (" + e.getReason() + ")", e);
        }
        if (Files.isDirectory(path)) {
            return IdxSources.directory(path);
        }
        if (Files.exists(path)) {
            return IdxSources.file(path);
        }
        throw new DatasetException(expected + "got '" + nameOrPath + "': no such file or directory");
    }
}
