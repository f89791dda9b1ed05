/**
 * Datasets for ae4j: the IDX reader (MNIST format, raw or gzip), named datasets (embedded, fashion-mnist,
 * mnist) and where they are looked for, and {@link org.ae4j.datasets.Datasets}, which loads a name or a path.
 */
package org.ae4j.datasets;
