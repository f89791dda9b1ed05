/**
 * The backend conformance suite: every backend's tests extend {@link org.ae4j.testkit.BackendConformanceSuite},
 * which checks forward values and gradients of every op against {@link org.ae4j.core.ir.ReferenceExecutor}, the
 * reference gradients against central differences, training, session behaviour and determinism.
 */
package org.ae4j.testkit;
