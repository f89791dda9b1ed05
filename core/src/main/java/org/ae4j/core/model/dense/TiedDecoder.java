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

/**
 * A decoder that reuses the encoder's weights transposed, in reverse order (W_dec,i = W_enc,L−1−iᵀ), with biases
 * of its own. Gradients from both uses flow into the shared weights.
 */
public final class TiedDecoder implements Decoder {
    private final TiedDecoderConfig config;

    public TiedDecoder(TiedDecoderConfig config) {
        this.config = config;
    }

    @Override
    public List<ParameterSpec> parameters(EncoderGraph encoder, int outputDim) {
        int inputDim = encoder.input().shape().dim(1);
        if (inputDim != outputDim) {
            throw new IllegalArgumentException("tied decoder: expected output width equal to the encoder's input width "
                    + inputDim + ", got " + outputDim);
        }
        List<ParameterSpec> specs = new ArrayList<>();
        List<Layer> layers = encoder.layers();
        for (int i = 0; i < layers.size(); i++) {
            int width = layers.get(layers.size() - 1 - i).input().shape().dim(1);
            specs.add(new ParameterSpec(DenseDecoder.biasName(i), Shape.of(width), Initializer.zeros(), false));
        }
        return specs;
    }

    @Override
    public DecoderGraph build(Node code, ParameterLookup params, EncoderGraph encoder, int outputDim) {
        List<Layer> enc = encoder.layers();
        int count = enc.size();
        List<Layer> layers = new ArrayList<>();
        Node h = code;
        for (int i = 0; i < count; i++) {
            Layer mirrored = enc.get(count - 1 - i);
            Activation act = i == count - 1 ? config.output() : enc.get(count - 2 - i).activation();
            Layer l = DenseEncoder.dense(h, mirrored.weight(), true, params.get(DenseDecoder.biasName(i)), act);
            layers.add(l);
            h = l.output();
        }
        Layer last = layers.get(count - 1);
        return new DecoderGraph(layers, last.preActivation(), last.output(), last.activation());
    }
}
