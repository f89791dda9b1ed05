package org.ae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {
    @TempDir
    Path dir;

    @Test
    void classesAreChargedToTheirKindOfWork() {
        assertEquals(JfrProfile.Kind.GEMM, JfrProfile.kind("org.ae4j.backend.cpu.VectorGemm"));
        assertEquals(JfrProfile.Kind.GEMM, JfrProfile.kind("org.ae4j.backend.cpu.Gemm$Workspace"));
        assertEquals(JfrProfile.Kind.ADAM, JfrProfile.kind("org.ae4j.backend.cpu.VectorAdam"));
        assertEquals(JfrProfile.Kind.ELEMENTWISE, JfrProfile.kind("org.ae4j.backend.cpu.FusedStep"));
        assertEquals(JfrProfile.Kind.REDUCTION, JfrProfile.kind("org.ae4j.backend.cpu.LayoutSteps$ReduceSum"));
        assertEquals(JfrProfile.Kind.INPUT, JfrProfile.kind("org.ae4j.backend.cpu.CpuSession$InputCopy"));
        assertEquals(JfrProfile.Kind.TRAINER, JfrProfile.kind("org.ae4j.backend.cpu.CpuSession"));
        assertEquals(JfrProfile.Kind.POOL, JfrProfile.kind("org.ae4j.backend.cpu.WorkerPool"));
        assertEquals(JfrProfile.Kind.TRAINER, JfrProfile.kind("org.ae4j.core.train.Trainer"));
        assertEquals(JfrProfile.Kind.ELEMENTWISE,
                JfrProfile.kind("org.ae4j.backend.cpu.VectorElementwise$$Lambda$249+0x00007f2f10136660.409195262"));
        assertEquals(JfrProfile.Kind.OTHER, JfrProfile.kind("java.lang.Thread"));
    }

    /** A recording of a session that only multiplies matrices: its samples go to the products. */
    @Test
    void aRecordingOfProductsIsChargedToProducts() throws Exception {
        Path file = recordProducts("gemm.jfr", 2, null, 0);
        JfrProfile.Summary sum = JfrProfile.summarize(file);
        assertEquals(null, sum.epoch(), "no timed epoch in this recording: every sample counts");
        assertTrue(sum.samples() >= 50, "samples: " + sum.samples());
        int gemm = sum.byKind().getOrDefault(JfrProfile.Kind.GEMM, 0);
        assertTrue(gemm > sum.samples() / 2, "products: " + gemm + " of " + sum.samples() + ": " + sum.byKind());
        assertTrue(sum.byThread().containsKey(Thread.currentThread().getName()), sum.byThread().keySet().toString());
        String text = JfrProfile.format(sum, 3);
        assertTrue(text.startsWith(sum.samples() + " execution samples"), text);
        assertTrue(text.contains("| matrix products (kernel, packing) | "), text);
        assertTrue(text.contains("| backend.cpu."), text);
    }

    /** With a timed epoch in the recording, only the samples taken during it count. */
    @Test
    void onlyTheTimedEpochsSamplesCount() throws Exception {
        Path file = recordProducts("epoch.jfr", 1, "cpu test", 400);
        JfrProfile.Summary sum = JfrProfile.summarize(file);
        assertEquals("cpu test", sum.epoch());
        assertTrue(sum.samples() >= 50, "samples: " + sum.samples());
        assertTrue(sum.byMethod().keySet().stream().noneMatch(m -> m.endsWith("burnOutsideTheEpoch")),
                sum.byMethod().toString());
        assertTrue(JfrProfile.format(sum, 3).startsWith(sum.samples()
                + " execution samples during the timed epoch of cpu test"), JfrProfile.format(sum, 3));
    }

    /**
     * Records, with execution samples every millisecond, a CPU session that only multiplies matrices for about
     * 0.6 s; with {@code epoch} not null those runs are a {@link TimedEpoch} of that name, with {@code burnMillis}
     * of other work before and after it.
     */
    private Path recordProducts(String name, int threads, String epoch, long burnMillis) throws Exception {
        Path file = dir.resolve(name);
        Node x = Ops.input("x", Shape.of(256, 512));
        Node w = Ops.parameter("w", Shape.of(512, 512));
        Program p = Program.of(List.of(Ops.matmul(x, w)), Map.of());
        try (Backend cpu = TrainBench.backend(new PluginRegistry(), "cpu", threads);
             Session s = cpu.open(p);
             Recording r = new Recording()) {
            s.setParameter(w, filled(512 * 512));
            s.setInput(x, filled(256 * 512), 0);
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            r.enable(TimedEpoch.NAME);
            r.start();
            burnOutsideTheEpoch(burnMillis);
            TimedEpoch timed = epoch == null ? null : new TimedEpoch(epoch);
            if (timed != null) {
                timed.begin();
            }
            long end = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < end) {
                s.run();
            }
            if (timed != null) {
                timed.commit();
            }
            burnOutsideTheEpoch(burnMillis);
            r.stop();
            r.dump(file);
        }
        return file;
    }

    private static double sink;

    private static void burnOutsideTheEpoch(long millis) {
        double acc = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 1; i < 10_000; i++) {
                acc += Math.sqrt(i);
            }
        }
        sink += acc;
    }

    @Test
    void aRecordingWithoutExecutionSamplesIsRefusedSayingWhy() throws Exception {
        Path file = dir.resolve("empty.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.CPULoad");
            r.start();
            r.stop();
            r.dump(file);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JfrProfile.summarize(file));
        assertTrue(e.getMessage().contains("expected jdk.ExecutionSample events, found none"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> JfrProfile.summarize(dir.resolve("nothing.jfr")));
        assertTrue(missing.getMessage().startsWith("JFR recording: expected a file, found nothing at "),
                missing.getMessage());
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 17) / 17f;
        }
        return v;
    }
}
