package org.ae4j.core.model.dense;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.Initializer;
import org.ae4j.core.spi.Layer;
import org.ae4j.core.spi.ParameterLookup;
import org.ae4j.core.spi.ParameterSpec;

/** A dense MLP encoder: h_l = s_l(h_{l−1} · W_l + b_l), W_l of shape [in, out]. */
public final class DenseEncoder implements Encoder {
    private final DenseEncoderConfig config;

    public DenseEncoder(DenseEncoderConfig config) {
        this.config = config;
    }

    @Override
    public int codeDim() {
        return config.units().get(config.units().size() - 1);
    }

    @Override
    public List<ParameterSpec> parameters(int inputDim) {
        List<ParameterSpec> specs = new ArrayList<>();
        int in = inputDim;
        for (int i = 0; i < config.units().size(); i++) {
            int out = config.units().get(i);
            specs.add(new ParameterSpec(weightName(i), Shape.of(in, out),
                    Initializer.forActivation(config.activation(i), in, out), true));
            specs.add(new ParameterSpec(biasName(i), Shape.of(out), Initializer.zeros(), false));
            in = out;
        }
        return specs;
    }

    @Override
    public EncoderGraph build(Node x, ParameterLookup params) {
        List<Layer> layers = new ArrayList<>();
        Node h = x;
        for (int i = 0; i < config.units().size(); i++) {
            Layer layer = dense(h, params.get(weightName(i)), false, params.get(biasName(i)), config.activation(i));
            layers.add(layer);
            h = layer.output();
        }
        return new EncoderGraph(x, layers, h);
    }

    /** One dense layer a = input · op(W) + b, h = s(a). */
    static Layer dense(Node input, Node weight, boolean transposeWeight, Node bias,
                       org.ae4j.core.spi.Activation activation) {
        Node a = Ops.add(Ops.matmul(input, weight, false, transposeWeight), bias);
        Node w = transposeWeight ? Ops.transpose(weight) : weight;
        return new Layer(input, w, bias, a, activation.apply(a), activation);
    }

    static String weightName(int i) {
        return "encoder." + i + ".weight";
    }

    static String biasName(int i) {
        return "encoder." + i + ".bias";
    }
}
