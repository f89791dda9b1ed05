package org.ae4j.backend.cpu;

/**
 * Whether the kernels use the incubating Vector API ({@code jdk.incubator.vector}): decided once, when this class is
 * initialised. True when the module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), the hardware has vectors of at least 8 floats, and the system
 * property {@code ae4j.cpu.noVector} is not {@code true}. Otherwise the pure-Java kernels run; both give
 * bitwise-identical results, so the choice changes speed only.
 */
final class Simd {
    /** True when the Vector API kernels ({@link VectorGemm}, {@link VectorElementwise}) are used. */
    static final boolean ENABLED = detect();
    /**
     * Elementwise loops shorter than this (a fused step's block) run the scalar kernels even when {@link #ENABLED}:
     * they gain little, and until the JIT has fully compiled a Vector API loop each vector operation allocates a box
     * — a loop that runs once per step on a bias-sized vector may stay in the first JIT tier for a whole epoch
     * (seen: 29 kB per step for the KL penalty at a threshold of 256). Both kernels give the same bits, so the switch
     * is invisible in results.
     */
    static final int MIN_LENGTH = FusedStep.BLOCK;

    private Simd() {
    }

    private static boolean detect() {
        if (Boolean.getBoolean("ae4j.cpu.noVector")) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorGemm.usable();
        } catch (LinkageError e) {
            return false;
        }
    }
}
