package org.ae4j.core.model.dense;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.DecoderGraph;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.Initializer;
import org.ae4j.core.spi.Layer;
import org.ae4j.core.spi.ParameterLookup;
import org.ae4j.core.spi.ParameterSpec;

/** A dense MLP decoder with its own weights; by default its hidden layers mirror the encoder's. */
public final class DenseDecoder implements Decoder {
    private final DenseDecoderConfig config;

    public DenseDecoder(DenseDecoderConfig config) {
        this.config = config;
    }

    /** Widths of all decoder layers (hidden ones, then the output). */
    private List<Integer> widths(EncoderGraph enc, int outputDim) {
        List<Integer> w = new ArrayList<>();
        if (config.mirror()) {
            List<Layer> layers = enc.layers();
            for (int i = layers.size() - 2; i >= 0; i--) {
                w.add(layers.get(i).output().shape().dim(1));
            }
        } else {
            w.addAll(config.units());
        }
        w.add(outputDim);
        return w;
    }

    private Activation activation(EncoderGraph enc, int i, int count) {
        if (i == count - 1) {
            return config.output();
        }
        if (config.mirror()) {
            List<Layer> layers = enc.layers();
            return layers.get(layers.size() - 2 - i).activation();
        }
        return config.activations().size() == 1 ? config.activations().get(0) : config.activations().get(i);
    }

    @Override
    public List<ParameterSpec> parameters(EncoderGraph encoder, int outputDim) {
        List<Integer> widths = widths(encoder, outputDim);
        List<ParameterSpec> specs = new ArrayList<>();
        int in = encoder.code().shape().dim(1);
        for (int i = 0; i < widths.size(); i++) {
            int out = widths.get(i);
            specs.add(new ParameterSpec(weightName(i), Shape.of(in, out),
                    Initializer.forActivation(activation(encoder, i, widths.size()), in, out), true));
            specs.add(new ParameterSpec(biasName(i), Shape.of(out), Initializer.zeros(), false));
            in = out;
        }
        return specs;
    }

    @Override
    public DecoderGraph build(Node code, ParameterLookup params, EncoderGraph encoder, int outputDim) {
        int count = widths(encoder, outputDim).size();
        List<Layer> layers = new ArrayList<>();
        Node h = code;
        for (int i = 0; i < count; i++) {
            Layer l = DenseEncoder.dense(h, params.get(weightName(i)), false, params.get(biasName(i)),
                    activation(encoder, i, count));
            layers.add(l);
            h = l.output();
        }
        Layer last = layers.get(count - 1);
        return new DecoderGraph(layers, last.preActivation(), last.output(), last.activation());
    }

    static String weightName(int i) {
        return "decoder." + i + ".weight";
    }

    static String biasName(int i) {
        return "decoder." + i + ".bias";
    }
}
