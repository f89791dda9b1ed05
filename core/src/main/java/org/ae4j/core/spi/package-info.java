/**
 * The plugin SPIs: {@link org.ae4j.core.spi.Encoder}, {@link org.ae4j.core.spi.Decoder},
 * {@link org.ae4j.core.spi.Regularizer}, {@link org.ae4j.core.spi.Corruption} and
 * {@link org.ae4j.core.spi.Backend}, each created by a provider found through {@link java.util.ServiceLoader}.
 */
package org.ae4j.core.spi;
