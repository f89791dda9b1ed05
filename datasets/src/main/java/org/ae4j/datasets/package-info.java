/**
 * Datasets for ae4j: readers for IDX (MNIST format), CSV and NumPy .npy files (raw or gzip), an .npy writer,
 * streaming reads for files larger than memory ({@link org.ae4j.datasets.RowStream}), named datasets (embedded,
 * fashion-mnist, mnist), where they are looked for and how they are downloaded, and
 * {@link org.ae4j.datasets.Datasets}, which loads or opens a name or a path.
 */
package org.ae4j.datasets;
