package org.ae4j.regularizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.model.dense.DenseDecoder;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoder;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Sgd;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionProvider;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.ParameterSpec;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.spi.RegularizerProvider;
import org.ae4j.core.util.Rng;

/** Test support: plugins by spec string, small dense autoencoders, and feeds for the reference executor. */
final class Models {
    private Models() {
    }

    static Map<String, RegularizerProvider<?>> regularizerProviders() {
        Map<String, RegularizerProvider<?>> m = new HashMap<>();
        for (RegularizerProvider<?> p : ServiceLoader.load(RegularizerProvider.class)) {
            m.put(p.name(), p);
        }
        return m;
    }

    static Map<String, CorruptionProvider<?>> corruptionProviders() {
        Map<String, CorruptionProvider<?>> m = new HashMap<>();
        for (CorruptionProvider<?> p : ServiceLoader.load(CorruptionProvider.class)) {
            m.put(p.name(), p);
        }
        return m;
    }

    /** A regularizer as users type it, e.g. {@code contractive:lambda=0.3,mode=exact}. */
    static Component<Regularizer> regularizer(String text) {
        PluginSpec spec = PluginSpec.parse(text);
        RegularizerProvider<?> p = regularizerProviders().get(spec.name());
        if (p == null) {
            throw new IllegalArgumentException("no regularizer named " + spec.name());
        }
        Record config = p.parseConfig(spec.options());
        return new Component<>(p.name(), config, p.createUnchecked(config));
    }

    /** A corruption as users type it, e.g. {@code masking:level=0.3}. */
    static Component<Corruption> corruption(String text) {
        PluginSpec spec = PluginSpec.parse(text);
        CorruptionProvider<?> p = corruptionProviders().get(spec.name());
        if (p == null) {
            throw new IllegalArgumentException("no corruption named " + spec.name());
        }
        Record config = p.parseConfig(spec.options());
        return new Component<>(p.name(), config, p.createUnchecked(config));
    }

    /** A dense autoencoder with a mirrored sigmoid-output decoder, squared error and SGD. */
    static AutoencoderSpec spec(List<Integer> units, List<Activation> activations,
                                List<Component<Regularizer>> regularizers, Component<Corruption> corruption) {
        DenseEncoderConfig ec = new DenseEncoderConfig(units, activations);
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.SIGMOID, true);
        return new AutoencoderSpec(new Component<Encoder>("dense", ec, new DenseEncoder(ec)),
                new Component<Decoder>("dense", dc, new DenseDecoder(dc)), Loss.SQUARED_ERROR, regularizers,
                corruption, Sgd.defaults());
    }

    /** A training graph with one regularizer, data range [0, 1]. */
    static ModelGraph withRegularizer(List<Integer> units, List<Activation> activations, String regularizer,
                                      int inputDim, int batch) {
        return ModelGraph.training(spec(units, activations, List.of(regularizer(regularizer)), null), inputDim, batch,
                0, 1);
    }

    /** Random parameter values for every parameter of the graph (biases included), from a seeded generator. */
    static Map<String, double[]> randomParameters(ModelGraph graph, long seed, double scale) {
        Rng rng = new Rng(seed);
        Map<String, double[]> out = new HashMap<>();
        for (ParameterSpec s : graph.parameterSpecs()) {
            double[] v = new double[s.shape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = scale * rng.nextGaussian();
            }
            out.put(s.name(), v);
        }
        return out;
    }

    /** Uniform values in [0, 1). */
    static double[] uniform(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble();
        }
        return v;
    }

    /** Standard normal values. */
    static double[] gaussian(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** Feeds for a graph: the input batch, parameters by name, noise inputs by their plugin name (without "noise."). */
    static Map<Node, double[]> feeds(ModelGraph graph, double[] x, Map<String, double[]> params,
                                     Map<String, double[]> noise) {
        Map<Node, double[]> feeds = new HashMap<>();
        feeds.put(graph.input(), x);
        graph.parameters().forEach((name, node) -> {
            double[] v = params.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + name);
            }
            feeds.put(node, v);
        });
        for (Node n : graph.noiseInputs().keySet()) {
            String name = n.name().substring("noise.".length());
            double[] v = noise.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for noise input " + name);
            }
            feeds.put(n, v);
        }
        return feeds;
    }

    /** Draws every noise input of the graph with its own sampler, as the trainer would. */
    static Map<String, double[]> drawNoise(ModelGraph graph, Rng rng) {
        Map<String, double[]> out = new HashMap<>();
        graph.noiseInputs().forEach((node, sampler) -> {
            float[] f = new float[node.shape().size()];
            sampler.fill(rng, f);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            out.put(node.name().substring("noise.".length()), d);
        });
        return out;
    }

    static double scalar(Node n, Map<Node, double[]> feeds) {
        return ReferenceExecutor.evaluate(n, feeds)[0];
    }

    /** The one penalty of a graph built with one regularizer. */
    static Node onlyPenalty(ModelGraph graph) {
        List<Node> p = new ArrayList<>(graph.penalties().values());
        if (p.size() != 1) {
            throw new IllegalStateException("expected one penalty, got " + graph.penalties().keySet());
        }
        return p.get(0);
    }
}
