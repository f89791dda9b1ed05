package org.ae4j.core.spi;

import org.ae4j.core.ir.Node;

/**
 * One dense layer as built in a graph: h = s(a), a = input · W + b, with W of shape [in, out].
 *
 * @param input the layer input [B, in]
 * @param weight the weight W [in, out] (for a tied layer, a transpose of another layer's weight)
 * @param bias the bias [out]
 * @param preActivation a [B, out]
 * @param output h [B, out]
 * @param activation s
 */
public record Layer(Node input, Node weight, Node bias, Node preActivation, Node output, Activation activation) {
}
