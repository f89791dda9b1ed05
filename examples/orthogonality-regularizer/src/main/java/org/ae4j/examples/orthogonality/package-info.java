/**
 * An example third-party regularizer plugin, {@code orthogonality}: λ · ‖W₁ᵀW₁ − I‖²_F on the first encoder
 * layer's weight, written as IR over the public core API and found through {@link java.util.ServiceLoader}.
 */
package org.ae4j.examples.orthogonality;
