package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.testkit.Compare;
import org.junit.jupiter.api.Test;

/**
 * Adam's update runs as one pass per parameter ({@link AdamStep}) and gives exactly the bits of the three generic
 * fused groups it replaces, through whole training runs at one and two threads.
 */
class AdamStepTest {
    private static List<String> labels(CpuSession s) {
        List<String> out = new ArrayList<>();
        for (Step step : s.nextSteps()) {
            out.add(step.label);
        }
        return out;
    }

    private static List<String> adamSteps(boolean fused) {
        String before = System.getProperty(Fusion.NO_ADAM_PROPERTY);
        System.setProperty(Fusion.NO_ADAM_PROPERTY, Boolean.toString(!fused));
        try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(2));
             CpuSession s = C1StepProfile.open(backend, C1StepProfile.spec(false), 128, 784, 3)) {
            return labels(s).stream().filter(l -> l.startsWith("ADAM")).toList();
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(Fusion.NO_ADAM_PROPERTY);
        } else {
            System.setProperty(Fusion.NO_ADAM_PROPERTY, before);
        }
    }

    @Test
    void eachParameterOfC1GetsOneAdamStep() {
        assertEquals(List.of("ADAM [256, 784]", "ADAM [256]", "ADAM [784, 256]", "ADAM [784]"),
                adamSteps(true).stream().sorted().toList());
        assertEquals(List.of(), adamSteps(false), "with " + Fusion.NO_ADAM_PROPERTY + " the generic groups run");
    }

    private static Autoencoder train(int threads, boolean fused, AutoencoderSpec spec, Dataset d, TrainingConfig c) {
        String before = System.getProperty(Fusion.NO_ADAM_PROPERTY);
        System.setProperty(Fusion.NO_ADAM_PROPERTY, Boolean.toString(!fused));
        try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads))) {
            return new Trainer(backend).fit(spec, d, c).model();
        } finally {
            restore(before);
        }
    }

    @Test
    void oneFusedPassGivesTheBitsOfTheGenericGroups() {
        Random r = new Random(11);
        float[] v = new float[300 * 784];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3) == 0 ? 0f : r.nextFloat();
        }
        Dataset d = new Dataset("random 300x784", v, 300, 784);
        // 784x256 weights span 13 parallel chunks and a vector tail; the biases run the scalar loop.
        AutoencoderSpec spec = C1StepProfile.spec(false);
        TrainingConfig config = new TrainingConfig(2, 64, 9, true, false, 0, 0, 0);
        Autoencoder generic = train(1, false, spec, d, config);
        for (int threads : new int[] {1, 2}) {
            Autoencoder fused = train(threads, true, spec, d, config);
            for (Map.Entry<String, float[]> e : generic.parameters().entrySet()) {
                Compare.assertBitwiseEqual(threads + " threads: parameter " + e.getKey(), e.getValue(),
                        fused.parameters().get(e.getKey()));
            }
            assertEquals(generic.optimizerState().keySet(), fused.optimizerState().keySet());
            for (Map.Entry<String, float[]> e : generic.optimizerState().entrySet()) {
                Compare.assertBitwiseEqual(threads + " threads: optimizer state " + e.getKey(), e.getValue(),
                        fused.optimizerState().get(e.getKey()));
            }
        }
        assertTrue(generic.optimizerState().size() >= 9, "moments of 4 parameters and a step count: "
                + generic.optimizerState().keySet());
    }
}
