package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.model.dense.TiedDecoder;
import org.ae4j.core.model.dense.TiedDecoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.optim.Sgd;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingDivergedException;
import org.ae4j.testkit.Compare;
import org.junit.jupiter.api.Test;

/**
 * Sessions opened in place write updates over the parameters wherever that gives the same values, and the
 * trainer, which opens them so, ends bit for bit where it ends with ordinary sessions, divergence included.
 */
class InPlaceUpdateTest {
    @Test
    void everyUpdateOfC1AndC2IsWrittenInPlaceAndRunsGiveTheSameBits() {
        for (boolean c2 : new boolean[] {false, true}) {
            AutoencoderSpec spec = C1StepProfile.spec(c2);
            Program p = ModelGraph.training(spec, 784, 128, 0, 1).trainingProgram(spec.optimizer()).program();
            MemoryPlan plan = new MemoryPlan(p, true);
            for (Node param : p.updates().keySet()) {
                assertTrue(plan.inPlace[plan.paramIndex.get(param)], param.name() + " is not updated in place");
            }
            assertFalse(new MemoryPlan(p).inPlace[0], "only plans made in place overwrite");
            try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(2));
                 CpuSession ordinary = C1StepProfile.open(backend, spec, 128, 784, 3);
                 CpuSession inPlace = openInPlace(backend, spec, 3)) {
                assertTrue(ordinary.canRevert());
                assertFalse(inPlace.canRevert());
                for (int run = 0; run < 3; run++) {
                    ordinary.run();
                    inPlace.run();
                }
                for (Node param : p.parameters()) {
                    Node mine = ordinary.program().parameters().get(p.parameters().indexOf(param));
                    float[] a = new float[mine.shape().size()];
                    float[] b = new float[mine.shape().size()];
                    ordinary.getParameter(mine, a);
                    inPlace.getParameter(inPlace.program().parameters().get(p.parameters().indexOf(param)), b);
                    Compare.assertBitwiseEqual((c2 ? "C2 " : "C1 ") + param.name(), a, b);
                }
            }
        }
    }

    private static CpuSession openInPlace(CpuBackend backend, AutoencoderSpec spec, long seed) {
        System.setProperty("inPlace", "true");
        try {
            return C1StepProfile.open(backend, spec, 128, 784, seed);
        } finally {
            System.clearProperty("inPlace");
        }
    }

    @Test
    void anUpdateReadAfterItIsComputedKeepsItsSlots() {
        // w' = w − 0.1·x is computed first, but a later product still reads w: w must not be overwritten.
        Node x = Ops.input("x", Shape.of(2, 2));
        Node w = Ops.parameter("w", Shape.of(2, 2));
        Node updated = Ops.sub(w, Ops.mul(x, Ops.scalar(0.1)));
        Node late = Ops.matmul(Ops.exp(updated), w);
        Program p = Program.of(List.of(late), Map.of(w, updated));
        MemoryPlan plan = new MemoryPlan(p, true);
        if (plan.schedule.indexOf(updated) < plan.schedule.indexOf(late)) {
            assertFalse(plan.inPlace[plan.paramIndex.get(w)], "w is read after its update is computed");
        }
        try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(1));
             var a = backend.open(p); var b = backend.openInPlace(p)) {
            float[] xv = {1, 2, 3, 4};
            float[] wv = {0.5f, -1, 2, 0.25f};
            for (var s : List.of(a, b)) {
                s.setInput(x, xv, 0);
                s.setParameter(w, wv);
                s.run();
                s.run();
            }
            float[] ga = new float[4];
            float[] gb = new float[4];
            a.getOutput(late, ga);
            b.getOutput(late, gb);
            assertArrayEquals(ga, gb);
        }
    }

    private static Dataset data(int rows, long seed) {
        Random r = new Random(seed);
        float[] v = new float[rows * 784];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3) == 0 ? 0f : r.nextFloat();
        }
        return new Dataset("random " + rows + "x784", v, rows, 784);
    }

    private static Object train(boolean inPlace, AutoencoderSpec spec, Dataset d, TrainingConfig c) {
        String before = System.getProperty(CpuBackend.NO_IN_PLACE_PROPERTY);
        System.setProperty(CpuBackend.NO_IN_PLACE_PROPERTY, Boolean.toString(!inPlace));
        try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(2))) {
            return new Trainer(backend).fit(spec, d, c).model();
        } catch (TrainingDivergedException e) {
            return e;
        } finally {
            if (before == null) {
                System.clearProperty(CpuBackend.NO_IN_PLACE_PROPERTY);
            } else {
                System.setProperty(CpuBackend.NO_IN_PLACE_PROPERTY, before);
            }
        }
    }

    private static void assertSameModel(String what, Autoencoder a, Autoencoder b) {
        for (Map.Entry<String, float[]> e : a.parameters().entrySet()) {
            Compare.assertBitwiseEqual(what + ": " + e.getKey(), e.getValue(), b.parameters().get(e.getKey()));
        }
        assertEquals(a.optimizerState().keySet(), b.optimizerState().keySet());
        for (Map.Entry<String, float[]> e : a.optimizerState().entrySet()) {
            Compare.assertBitwiseEqual(what + ": state " + e.getKey(), e.getValue(),
                    b.optimizerState().get(e.getKey()));
        }
    }

    @Test
    void theTrainerEndsWhereOrdinarySessionsEnd() {
        TrainingConfig config = new TrainingConfig(2, 64, 7, true, false, 0, 0, 0);
        Dataset d = data(300, 2);
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(64), List.of(Activation.SIGMOID));
        Component<org.ae4j.core.spi.Encoder> enc = new Component<>("dense", ec, new DenseEncoder(ec));
        TiedDecoderConfig tc = new TiedDecoderConfig(Activation.SIGMOID);
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.SIGMOID, true);
        Map<String, AutoencoderSpec> specs = Map.of(
                "C1", C1StepProfile.spec(false),
                // The decoder reads the encoder's weights (transposed) after the encoder does: one tensor, two
                // readers, one update.
                "tied decoder", new AutoencoderSpec(enc, new Component<>("tied", tc, new TiedDecoder(tc)),
                        Loss.SQUARED_ERROR, List.of(), null, new Adam(1e-3, 0.9, 0.999, 1e-8)),
                // Momentum: updates that are generic fused groups, not Adam's pass.
                "SGD with momentum", new AutoencoderSpec(enc, new Component<>("dense", dc, new DenseDecoder(dc)),
                        Loss.SQUARED_ERROR, List.of(), null, new Sgd(0.05, 0.9)));
        for (Map.Entry<String, AutoencoderSpec> e : specs.entrySet()) {
            assertSameModel(e.getKey() + ", 2 epochs with a partial batch",
                    (Autoencoder) train(false, e.getValue(), d, config),
                    (Autoencoder) train(true, e.getValue(), d, config));
        }
    }

    @Test
    void aDivergingRunKeepsTheSameLastGoodParameters() {
        // Linear layers and a large step: the loss grows until it overflows, some steps in.
        DenseEncoderConfig ec = new DenseEncoderConfig(List.of(64), List.of(Activation.IDENTITY));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.IDENTITY, true);
        AutoencoderSpec wild = new AutoencoderSpec(new Component<>("dense", ec, new DenseEncoder(ec)),
                new Component<>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, List.of(), null,
                new Sgd(0.02, 0));
        TrainingConfig config = new TrainingConfig(3, 32, 7, true, false, 0, 0, 0);
        Dataset d = data(200, 4);
        TrainingDivergedException slotted = (TrainingDivergedException) train(false, wild, d, config);
        TrainingDivergedException inPlace = (TrainingDivergedException) train(true, wild, d, config);
        assertEquals(slotted.epoch(), inPlace.epoch());
        assertEquals(slotted.step(), inPlace.step());
        assertTrue(slotted.epoch() > 1 || slotted.step() > 2, "diverged at epoch " + slotted.epoch() + ", step "
                + slotted.step() + ": too early to go back two runs");
        assertSameModel("last good", slotted.lastGood(), inPlace.lastGood());
    }
}
