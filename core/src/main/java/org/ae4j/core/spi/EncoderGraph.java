package org.ae4j.core.spi;

import java.util.List;
import org.ae4j.core.ir.Node;

/**
 * An encoder as built in a graph: its layers in order and the code (the last layer's output).
 *
 * @param input the encoder input [B, d]
 * @param layers dense layers, first to last
 * @param code h [B, k]
 */
public record EncoderGraph(Node input, List<Layer> layers, Node code) {
    public EncoderGraph {
        layers = List.copyOf(layers);
    }
}
