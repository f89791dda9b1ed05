package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads the full Fashion-MNIST from {@code /usr/share/datasets/fashion-mnist}, where Debian's
 * {@code dataset-fashion-mnist} package puts it (.ci/run installs it). Tagged "system": run with -Psystem;
 * fails, not skips, when the package is missing.
 */
@Tag("system")
class FashionMnistSystemTest {
    private final DatasetLocator debianOnly =
            new DatasetLocator(Map.of(), Path.of("/nonexistent-home"), DatasetLocator.SYSTEM_ROOT);

    @Test
    void theFullTrainingSetReadsIn60000RowsOf784WithinSeconds() {
        DatasetSource s = Datasets.source(NamedDatasets.FASHION_MNIST, debianOnly);

        Dataset d = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> s.load(Split.TRAIN));

        assertEquals(60000, d.rows());
        assertEquals(784, d.cols());
        assertEquals(0f, d.min());
        assertEquals(1f, d.max());
        assertTrue(Arrays.stream(d.labels()).allMatch(l -> l >= 0 && l <= 9));
    }

    @Test
    void theEmbeddedSubsetIsTheStartOfTheFullSet() {
        Dataset full = Datasets.source(NamedDatasets.FASHION_MNIST, debianOnly).load(Split.TEST, 1000);
        Dataset embedded = Embedded.test();

        assertArrayEquals(full.values(), embedded.values());
        assertArrayEquals(full.labels(), embedded.labels());
    }
}
