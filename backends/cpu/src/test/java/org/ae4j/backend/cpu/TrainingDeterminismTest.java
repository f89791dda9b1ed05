package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Whole training runs on the standard C1 model (784-256-784 sigmoid, squared error, Adam, batch 128) end bit for
 * bit where they end at 1 and at 2 threads: every product, fused elementwise group and reduction is split across
 * threads only where the split cannot change a result.
 */
class TrainingDeterminismTest {
    private static Dataset data(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) == 0 ? 0f : r.nextFloat();
        }
        return new Dataset("random " + rows + "x" + cols, v, rows, cols);
    }

    private static Autoencoder train(int threads, AutoencoderSpec spec, Dataset d, TrainingConfig config) {
        try (CpuBackend backend = new CpuBackend(new CpuBackendConfig(threads))) {
            return new Trainer(backend).fit(spec, d, config).model();
        }
    }

    private static void assertSameModel(Autoencoder one, Autoencoder two) {
        assertEquals(one.parameters().keySet(), two.parameters().keySet());
        for (Map.Entry<String, float[]> e : one.parameters().entrySet()) {
            Compare.assertBitwiseEqual("parameter " + e.getKey(), e.getValue(), two.parameters().get(e.getKey()));
        }
        assertEquals(one.optimizerState().keySet(), two.optimizerState().keySet());
        for (Map.Entry<String, float[]> e : one.optimizerState().entrySet()) {
            Compare.assertBitwiseEqual("optimizer state " + e.getKey(), e.getValue(),
                    two.optimizerState().get(e.getKey()));
        }
    }

    @Test
    void c1TrainingGivesBitwiseIdenticalWeightsAtOneAndTwoThreads() {
        AutoencoderSpec spec = C1StepProfile.spec(false);
        Dataset d = data(640, 784, 5);
        // Two epochs of 5 steps, plus a partial last batch (a second compiled program) each epoch.
        TrainingConfig config = new TrainingConfig(2, 128, 42, true, false, 0, 0, 0);
        Autoencoder one = train(1, spec, d.slice(0, 600), config);
        Autoencoder two = train(2, spec, d.slice(0, 600), config);
        assertSameModel(one, two);
        Autoencoder start = Autoencoder.initialize(spec, 784, 42);
        String w = "encoder.0.weight";
        assertTrue(start.parameters().containsKey(w), "parameters: " + start.parameters().keySet());
        assertTrue(!java.util.Arrays.equals(start.parameters().get(w), one.parameters().get(w)),
                "training changed nothing");
    }

    @Test
    void deepReluTrainingGivesBitwiseIdenticalWeightsAtOneAndTwoThreads() {
        AutoencoderSpec spec = C1StepProfile.spec(true);
        Dataset d = data(384, 784, 6);
        TrainingConfig config = new TrainingConfig(1, 128, 7, true, true, 0, 0, 0);
        assertSameModel(train(1, spec, d, config), train(2, spec, d, config));
    }
}
