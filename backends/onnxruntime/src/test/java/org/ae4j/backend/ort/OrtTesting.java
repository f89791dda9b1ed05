package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.spi.Session;

/** Shared helpers of the ORT backend tests. */
final class OrtTesting {
    /** The device the tests run on: system property {@code ae4j.ort.device}, cpu by default. */
    static final String DEVICE = System.getProperty("ae4j.ort.device", "cpu");

    private OrtTesting() {
    }

    /** A backend on the test device. */
    static OrtBackend backend() {
        return new OrtBackend(new OrtBackendConfig(DEVICE, 0));
    }

    /** Runs a program once on ORT with the given values for its inputs and parameters; returns each output. */
    static List<float[]> runOnce(OrtBackend backend, Program program, Map<Node, float[]> values) {
        try (Session s = backend.open(program)) {
            for (Node in : program.inputs()) {
                s.setInput(in, values.get(in), 0);
            }
            for (Node p : program.parameters()) {
                s.setParameter(p, values.get(p));
            }
            s.run();
            return program.outputs().stream().map(o -> {
                float[] out = new float[o.shape().size()];
                s.getOutput(o, out);
                return out;
            }).toList();
        }
    }

    /** The reference executor's value of each output, from the same float values. */
    static List<double[]> reference(Program program, Map<Node, float[]> values) {
        Map<Node, double[]> feeds = new HashMap<>();
        values.forEach((n, v) -> feeds.put(n, toDouble(v)));
        Map<Node, double[]> all = ReferenceExecutor.evaluate(program.outputs(), feeds);
        return program.outputs().stream().map(all::get).toList();
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Elementwise |a − e| ≤ tol·max(1, |e|). */
    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double err = Math.abs(actual[i] - e);
            if (!(err <= tol * Math.max(1, Math.abs(e)))) {
                throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + actual[i] + " (error " + err
                        + ", tolerance " + tol + " relative)");
            }
        }
    }
}
