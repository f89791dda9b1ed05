package org.ae4j.backend.ort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.TrainingProgram;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;

/**
 * A training step of a model, its initial parameters and optimizer state, and the inputs (batch rows, noise) of a
 * number of steps, all from seeds: what the trainer would feed, without the trainer.
 */
final class StepFixture {
    final TrainingProgram tp;
    final Program program;
    final Node x;
    /** Initial value of every parameter of the program (model parameters, then zero optimizer state). */
    final Map<Node, float[]> initial = new LinkedHashMap<>();
    /** inputs.get(node)[step]: the value of an input at a step. */
    final Map<Node, float[][]> inputs = new LinkedHashMap<>();
    private final Node[] inputNodes;
    private final float[][][] inputValues;

    StepFixture(AutoencoderSpec spec, Dataset data, int batch, int steps, long seed) {
        ModelGraph g = ModelGraph.training(spec, data.cols(), batch, data.min(), data.max());
        this.tp = g.trainingProgram(spec.optimizer());
        this.program = tp.program();
        this.x = g.input();
        Map<String, float[]> params = Autoencoder.initialize(spec, data.cols(), seed).parameters();
        for (Node p : program.parameters()) {
            float[] v = params.get(p.name());
            initial.put(p, v != null ? v.clone() : new float[p.shape().size()]);
        }
        Rng rows = new Rng(seed).split("rows");
        Rng noise = new Rng(seed).split("noise");
        float[][] xs = new float[steps][batch * data.cols()];
        for (int k = 0; k < steps; k++) {
            for (int r = 0; r < batch; r++) {
                System.arraycopy(data.values(), rows.nextInt(data.rows()) * data.cols(), xs[k], r * data.cols(),
                        data.cols());
            }
        }
        inputs.put(x, xs);
        for (Map.Entry<Node, NoiseSampler> e : tp.noise().entrySet()) {
            float[][] v = new float[steps][e.getKey().shape().size()];
            for (int k = 0; k < steps; k++) {
                e.getValue().fill(noise, v[k]);
            }
            inputs.put(e.getKey(), v);
        }
        if (!inputs.keySet().containsAll(program.inputs()) || inputs.size() != program.inputs().size()) {
            throw new AssertionError("fixture inputs " + inputs.keySet() + " but program inputs " + program.inputs());
        }
        this.inputNodes = inputs.keySet().toArray(new Node[0]);
        this.inputValues = inputs.values().toArray(new float[0][][]);
    }

    /** Copies the initial parameters into a session. */
    void load(Session s) {
        initial.forEach(s::setParameter);
    }

    /** Copies the initial parameters into a multi-step session. */
    void load(OrtMultiStepSession s) {
        initial.forEach(s::setParameter);
    }

    /** Feeds step k's inputs to a single-step session; allocates nothing. */
    void feed(Session s, int step) {
        for (int i = 0; i < inputNodes.length; i++) {
            s.setInput(inputNodes[i], inputValues[i][step], 0);
        }
    }

    /** Feeds steps from .. from+s.steps() to a multi-step session; allocates nothing. */
    void feed(OrtMultiStepSession s, int from) {
        feed(s, from, s.steps());
    }

    /** Feeds steps from .. from+count to the first count steps of a multi-step session; allocates nothing. */
    void feed(OrtMultiStepSession s, int from, int count) {
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < inputNodes.length; i++) {
                s.setInput(inputNodes[i], k, inputValues[i][from + k], 0);
            }
        }
    }

    /** Every parameter's current value. */
    static Map<Node, float[]> parameters(List<Node> params, java.util.function.BiConsumer<Node, float[]> get) {
        Map<Node, float[]> out = new LinkedHashMap<>();
        for (Node p : params) {
            float[] v = new float[p.shape().size()];
            get.accept(p, v);
            out.put(p, v);
        }
        return out;
    }
}
