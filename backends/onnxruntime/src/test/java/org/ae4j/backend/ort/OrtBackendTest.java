package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.registry.PluginException;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;
import org.ae4j.core.spi.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OrtBackendTest {
    @Test
    void providerIsFoundByNameThroughTheRegistry() {
        BackendProvider<?> p = new PluginRegistry().backend("onnxruntime");
        assertEquals(OrtBackendProvider.class, p.getClass());
        assertEquals(OrtBackendConfig.defaults(), p.defaultConfig());
    }

    @Test
    void configRejectsAnUnknownDeviceNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrtBackendConfig("gpu", 0));
        assertEquals("device: expected auto, cpu or cuda, got 'gpu'", e.getMessage());
    }

    @Test
    void configRejectsNegativeThreadsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrtBackendConfig("cpu", -1));
        assertTrue(e.getMessage().startsWith("threads: expected >= 0"), e.getMessage());
    }

    @Test
    void optionsBindOntoTheConfig() {
        OrtBackendProvider p = new OrtBackendProvider();
        assertEquals(new OrtBackendConfig("cpu", 2), p.parseConfig(Map.of("device", "cpu", "threads", "2")));
        RuntimeException e = assertThrows(RuntimeException.class, () -> p.parseConfig(Map.of("device", "gpu")));
        assertTrue(e.getMessage().contains("device: expected auto, cpu or cuda, got 'gpu'"), e.getMessage());
    }

    @Test
    void providerNamesAreUnique() {
        PluginRegistry r = new PluginRegistry();
        assertTrue(r.providers(PluginKind.BACKEND).containsKey("onnxruntime"));
        assertTrue(r.failures().stream().noneMatch(f -> f.contains("onnxruntime")), r.failures().toString());
        assertThrows(PluginException.class, () -> r.backend("onnx-runtime"));
    }

    @Test
    void deviceCpuRunsOnTheCpuExecutionProviderAndSaysSo() {
        try (OrtBackend b = new OrtBackend(new OrtBackendConfig("cpu", 1))) {
            assertEquals(OrtBackend.Device.CPU, b.device());
            assertTrue(b.describe().contains("CPU execution provider, 1 threads"), b.describe());
            assertEquals("onnxruntime", b.name());
        }
    }

    @Test
    void deviceCudaFailsClearlyWhereCudaIsNotUsable() {
        Assumptions.assumeFalse(CudaProbe.probe(OrtEnvironment.getEnvironment()).usable(), "CUDA is usable here");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OrtBackend(new OrtBackendConfig("cuda", 0)));
        assertTrue(e.getMessage().startsWith("onnxruntime: device=cuda, but the CUDA execution provider is not usable: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("use device=auto or device=cpu"), e.getMessage());
    }

    @Test
    void deviceAutoFallsBackToTheCpuWhereCudaIsNotUsable() {
        Assumptions.assumeFalse(CudaProbe.probe(OrtEnvironment.getEnvironment()).usable(), "CUDA is usable here");
        try (OrtBackend b = new OrtBackend(OrtBackendConfig.defaults())) {
            assertEquals(OrtBackend.Device.CPU, b.device());
            assertTrue(b.describe().contains("CUDA not usable"), b.describe());
            assertEquals(List.of(4f), run(b));
        }
    }

    @Test
    void aClosedSessionRefusesToRunAndClosingTwiceIsHarmless() {
        Node x = Ops.input("x", Shape.of(1));
        try (Backend b = OrtTesting.backend()) {
            Session s = b.open(Program.of(List.of(Ops.add(x, x)), Map.of()));
            s.close();
            s.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, s::run);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> s.setInput(x, new float[1], 0));
        }
    }

    @Test
    void outputsBeforeTheFirstRunAreRefused() {
        Node x = Ops.input("x", Shape.of(1));
        Node y = Ops.add(x, x);
        try (Backend b = OrtTesting.backend(); Session s = b.open(Program.of(List.of(y), Map.of()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.scalarOutput(y));
            assertTrue(e.getMessage().contains("no run has completed"), e.getMessage());
        }
    }

    @Test
    void aProgramWithoutInputsRuns() {
        Node c = Ops.constant(Shape.of(2), 1, 2);
        try (Backend b = OrtTesting.backend(); Session s = b.open(Program.of(List.of(Ops.exp(c)), Map.of()))) {
            s.run();
            float[] out = new float[2];
            s.getOutput(s.program().outputs().get(0), out);
            assertEquals((float) Math.exp(2), out[1], 1e-6f);
        }
    }

    @Test
    void anOutputThatIsAlsoAnUpdateIsReturnedUnderBothNames() {
        Node p = Ops.parameter("p", Shape.of(2));
        Node next = Ops.mul(p, Ops.scalar(2));
        try (Backend b = OrtTesting.backend(); Session s = b.open(Program.of(List.of(next, p), Map.of(p, next)))) {
            s.setParameter(p, new float[] {1, 3});
            s.run();
            float[] out = new float[2];
            s.getOutput(next, out);
            assertEquals(List.of(2f, 6f), List.of(out[0], out[1]));
            s.getOutput(p, out);
            assertEquals(List.of(1f, 3f), List.of(out[0], out[1]), "the output is the value the run read");
            s.getParameter(p, out);
            assertEquals(List.of(2f, 6f), List.of(out[0], out[1]));
        }
    }

    private static List<Float> run(Backend b) {
        Node x = Ops.input("x", Shape.of(1));
        Node y = Ops.add(x, x);
        try (Session s = b.open(Program.of(List.of(y), Map.of()))) {
            s.setInput(x, new float[] {2}, 0);
            s.run();
            return List.of(s.scalarOutput(y));
        }
    }
}
