package org.ae4j.core.spi;

import static org.ae4j.core.ir.Ops.mul;
import static org.ae4j.core.ir.Ops.scalar;
import static org.ae4j.core.ir.Ops.sub;

import org.ae4j.core.ir.F;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;

/** Elementwise activations of dense layers, with their derivative written as IR. */
public enum Activation {
    IDENTITY, SIGMOID, TANH, RELU, SOFTPLUS;

    /** s(a). */
    public Node apply(Node a) {
        switch (this) {
            case IDENTITY: return a;
            case SIGMOID: return F.sigmoid(a);
            case TANH: return Ops.tanh(a);
            case RELU: return F.relu(a);
            case SOFTPLUS: return F.softplus(a);
        }
        throw new AssertionError(this);
    }

    /**
     * s'(a), given the pre-activation a and the activation h = s(a): sigmoid h(1−h), tanh 1−h², relu 1[a&gt;0],
     * softplus σ(a), identity 1. Differentiable again where the activation is (relu's is piecewise constant).
     */
    public Node derivative(Node a, Node h) {
        switch (this) {
            case IDENTITY: return Ops.fill(a.shape(), 1.0);
            case SIGMOID: return mul(h, sub(scalar(1), h));
            case TANH: return sub(scalar(1), mul(h, h));
            case RELU: return F.step(a);
            case SOFTPLUS: return F.sigmoid(a);
        }
        throw new AssertionError(this);
    }

    /** True when every output lies strictly inside (0, 1), as KL sparsity requires. */
    public boolean outputsInOpenUnitInterval() {
        return this == SIGMOID;
    }

    /** True for activations initialised with He (relu family); others use Glorot. */
    public boolean prefersHeInit() {
        return this == RELU || this == SOFTPLUS;
    }
}
