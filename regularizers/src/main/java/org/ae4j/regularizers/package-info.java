/**
 * The standard regularizers (KL and L1 sparsity, contractive, weight decay) and input corruptions (Gaussian,
 * masking, salt-and-pepper) of ae4j, each a {@link org.ae4j.core.spi.RegularizerProvider} or
 * {@link org.ae4j.core.spi.CorruptionProvider} found through {@link java.util.ServiceLoader}.
 *
 * <p>Every penalty is written as IR over the {@link org.ae4j.core.spi.ModelContext} and returns its weighted term;
 * no gradient is written by hand. Every corruption draws its randomness as a noise input from the trainer's seeded
 * generator.
 */
package org.ae4j.regularizers;
