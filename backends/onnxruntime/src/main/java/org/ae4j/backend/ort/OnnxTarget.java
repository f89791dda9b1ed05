package org.ae4j.backend.ort;

/** What a program is lowered for; each purpose has one opset and one IR version. */
public enum OnnxTarget {
    /**
     * A training step run by this backend: parameters are graph inputs and their new values graph outputs. Only
     * ever read by the ONNX Runtime this module ships with, so it can use a recent opset.
     */
    TRAINING(21, 10),
    /**
     * A standalone model written to a file: parameters become initializers. An older opset, so that other runtimes
     * and tools can read it; no op the lowering uses needs more.
     */
    EXPORT(17, 8);

    private final int opset;
    private final int irVersion;

    OnnxTarget(int opset, int irVersion) {
        this.opset = opset;
        this.irVersion = irVersion;
    }

    /** The version of the default ONNX operator set (domain "") the model imports. */
    public int opset() {
        return opset;
    }

    /** The ONNX IR version written in the model. */
    public int irVersion() {
        return irVersion;
    }
}
