/**
 * Training checkpoints: the whole state of a run (parameters, optimizer state, position, generator states and
 * the epoch's permutation) in a small self-describing, checksummed binary file that is replaced atomically.
 */
package org.ae4j.core.checkpoint;
