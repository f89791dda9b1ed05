package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported .onnx file with plain ONNX Runtime (CPU execution provider), as any other user would. */
final class OrtFiles {
    private OrtFiles() {
    }

    /**
     * Runs the file's graph once on {@code rows} rows fed to its single input; returns every output, flattened.
     *
     * @param values rows·width values, row-major
     */
    static Map<String, float[]> run(Path model, String inputName, float[] values, int rows, int width) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toString(), options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {rows, width});
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer buf = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] v = new float[buf.remaining()];
                buf.get(v);
                out.put(e.getKey(), v);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime could not run " + model + ": " + e.getMessage(), e);
        }
    }

    /** Elementwise |actual − expected| ≤ tol · (1 + |expected|): absolute near zero, relative elsewhere. */
    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]);
            if (!(err <= tol * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                        + " (error " + err + ", tolerance " + tol + " abs+rel)");
            }
        }
    }
}
