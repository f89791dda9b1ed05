package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.spi.Session;
import org.ae4j.testkit.TinyAutoencoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs allocate next to nothing on the Java side: with the ONNX Runtime this module ships (1.23.x) they skip ORT's
 * per-run wrappers ({@link PinnedRun}), and give the same values as ORT's public run method.
 */
class OrtRunAllocationTest {
    /**
     * What ORT's native run still allocates: the boolean[] it returns, one flag per graph output (a 16-byte header
     * and the flags, in 8-byte units), and 8 bytes of slack for rare JIT or timer allocations averaged over the runs.
     */
    static long maxBytesPerRun(int graphOutputs) {
        return 16 + (graphOutputs + 7) / 8 * 8 + 8;
    }

    private static int graphOutputs(org.ae4j.core.ir.Program p) {
        return OnnxLowering.lowerForTraining(p).model().getGraph().getOutputCount();
    }

    @Test
    void runsSkipOrtsPerRunWrappersWithTheShippedOnnxRuntime() {
        TinyAutoencoder ae = new TinyAutoencoder(0.1);
        try (OrtBackend b = OrtTesting.backend(); Session s = b.open(ae.program);
             OrtMultiStepSession m = b.openSteps(ae.program, 2)) {
            assertTrue(((OrtSession) s).isDirect(), "single-step runs go through ORT's public API: "
                    + "PinnedRun checks ORT " + ai.onnxruntime.OrtSession.class.getPackage().getImplementationVersion()
                    + " against 1.23.x only; re-check its private run method before widening that");
            assertTrue(m.isDirect(), "multi-step runs go through ORT's public API");
        }
    }

    @Test
    void directAndPublicRunsGiveBitwiseEqualOutputs() throws Exception {
        TinyAutoencoder ae = new TinyAutoencoder(0.3);
        OnnxLowering.LoweredProgram lowered = OnnxLowering.lowerForTraining(ae.program);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxTensor> owned = new ArrayList<>();
        try (SessionOptions options = new SessionOptions();
             ai.onnxruntime.OrtSession session = env.createSession(lowered.model().toByteArray(), options)) {
            TensorSlots x = TensorSlots.allocate(env, ae.x.shape(), 1, owned);
            TensorSlots w = TensorSlots.allocate(env, ae.w.shape(), 1, owned);
            TensorSlots loss = TensorSlots.allocate(env, ae.loss.shape(), 2, owned);
            TensorSlots next = TensorSlots.allocate(env, ae.w.shape(), 2, owned);
            x.buffers[0].put(0, TinyAutoencoder.data(5));
            w.buffers[0].put(0, TinyAutoencoder.initialWeights(6));
            Map<String, OnnxTensor> feeds = Map.of("x", x.tensors[0], "W", w.tensors[0]);
            PinnedRun[] runs = new PinnedRun[2];
            for (int k = 0; k < 2; k++) {
                runs[k] = new PinnedRun(session, feeds, Map.of(lowered.outputNames().get(0), loss.tensors[k],
                        lowered.updateNames().get(0), next.tensors[k]), k == 0);
            }
            assertTrue(runs[0].isDirect());
            assertTrue(!runs[1].isDirect());
            runs[0].run();
            runs[1].run();
            assertArrayEquals(floats(loss, 0), floats(loss, 1), "loss");
            assertArrayEquals(floats(next, 0), floats(next, 1), "updated W");
            assertTrue(floats(next, 0)[0] != TinyAutoencoder.initialWeights(6)[0], "W was updated");
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    @Test
    void aDenseAdamStepAllocatesOnlyOrtsResultFlagsPerRun() {
        AutoencoderSpec spec = OrtMultiStepSessionTest.spec();
        StepFixture f = new StepFixture(spec, Models.lowRank(64, 12, 2), 16, 4, 3);
        try (OrtBackend b = OrtTesting.backend(); Session s = b.open(f.program)) {
            f.load(s);
            double perRun = bytesPerRun(() -> {
                f.feed(s, 0);
                s.run();
                s.scalarOutput(f.tp.loss());
            });
            System.out.printf("ae4j-ort-alloc: single-step session, %d inputs, %d parameters, %d graph outputs: %.1f"
                    + " bytes/run%n", f.program.inputs().size(), f.program.parameters().size(), graphOutputs(f.program),
                    perRun);
            assertTrue(perRun <= maxBytesPerRun(graphOutputs(f.program)), perRun + " bytes per run");
        }
    }

    @Test
    void aLoopOfKStepsAllocatesOnlyOrtsResultFlagsPerRun() {
        StepFixture f = new StepFixture(OrtMultiStepSessionTest.spec(), Models.lowRank(64, 12, 2), 16, 4, 3);
        try (OrtBackend b = OrtTesting.backend(); OrtMultiStepSession s = b.openSteps(f.program, 4)) {
            f.load(s);
            double perRun = bytesPerRun(() -> {
                f.feed(s, 0);
                s.run();
                s.scalarOutput(f.tp.loss(), 3);
            });
            System.out.printf("ae4j-ort-alloc: 4-step loop session: %.1f bytes/run%n", perRun);
            assertTrue(perRun <= maxBytesPerRun(graphOutputs(f.program)), perRun + " bytes per run");
        }
    }

    /** Bytes allocated by the calling thread per call of r, after warm-up (the fixture's feeding allocates nothing). */
    static double bytesPerRun(Runnable r) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        for (int i = 0; i < 3000; i++) {
            r.run();
        }
        int runs = 2000;
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) {
            r.run();
        }
        return (mx.getCurrentThreadAllocatedBytes() - before) / (double) runs;
    }

    private static float[] floats(TensorSlots s, int slot) {
        float[] v = new float[s.size];
        s.buffers[slot].get(0, v);
        return v;
    }
}
