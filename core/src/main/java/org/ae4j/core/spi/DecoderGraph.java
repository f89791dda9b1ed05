package org.ae4j.core.spi;

import java.util.List;
import org.ae4j.core.ir.Node;

/**
 * A decoder as built in a graph.
 *
 * @param layers dense layers, first to last; the last one produces the reconstruction
 * @param logits the last layer's pre-activation [B, d]
 * @param reconstruction x̂ [B, d]
 * @param outputActivation the last layer's activation
 */
public record DecoderGraph(List<Layer> layers, Node logits, Node reconstruction, Activation outputActivation) {
    public DecoderGraph {
        layers = List.copyOf(layers);
    }
}
