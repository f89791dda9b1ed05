/**
 * The CPU backend: executes IR programs in float32 in plain Java. Memory is planned once per program (one buffer
 * per live value, reused by liveness), a run walks a precomputed array of steps and allocates nothing, and matrix
 * products go through a packed, multi-threaded GEMM whose results do not depend on the thread count.
 */
package org.ae4j.backend.cpu;
