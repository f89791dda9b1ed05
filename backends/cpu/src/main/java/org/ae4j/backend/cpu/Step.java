package org.ae4j.backend.cpu;

/**
 * One precomputed unit of work of a compiled program, bound to its buffers when the session is opened. A run calls
 * {@link #run()} on each step of an array in order; steps allocate nothing.
 */
abstract class Step {
    /** What the step computes, for profiles and errors, e.g. {@code TANH [128,256]}. */
    String label = "";

    /** Executes the step. */
    abstract void run();

    @Override
    public String toString() {
        return label.isEmpty() ? getClass().getSimpleName() : label;
    }
}
