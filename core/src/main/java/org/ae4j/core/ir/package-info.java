/**
 * The tensor-op IR: immutable nodes over a closed set of primitive ops ({@link org.ae4j.core.ir.Op}),
 * shape inference at build time ({@link org.ae4j.core.ir.Ops}), composite functions ({@link org.ae4j.core.ir.F}),
 * graph-to-graph reverse-mode autodiff ({@link org.ae4j.core.ir.Autodiff}) and the double-precision
 * reference executor ({@link org.ae4j.core.ir.ReferenceExecutor}).
 */
package org.ae4j.core.ir;
