package org.ae4j.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.config.ConfigBinder;
import org.ae4j.core.config.PluginSpec;
import org.ae4j.core.ir.Node;

/**
 * An optimizer whose update rule is IR, so the training step (forward, loss, backward, update) is one graph.
 * Implementations are config records that validate themselves.
 */
public sealed interface Optimizer permits Sgd, Adam {
    /**
     * The new value of each parameter and of each state tensor the optimizer creates through {@code state}.
     *
     * @param params trainable PARAMETER nodes
     * @param grads their gradients, same order
     */
    Map<Node, Node> updates(List<Node> params, List<Node> grads, OptimizerState state);

    /** The short name users type: {@code sgd} or {@code adam}. */
    String name();

    /** {@code name:key=value,...}. */
    default String spec() {
        return name() + ":" + ConfigBinder.toOptionString((Record) this);
    }

    /** Parses {@code adam:lr=1e-3,beta1=0.9,...} or {@code sgd:lr=0.1,momentum=0.9}. */
    static Optimizer parse(String text) {
        PluginSpec spec = PluginSpec.parse(text);
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        switch (spec.name().toLowerCase(Locale.ROOT)) {
            case "adam":
                return ConfigBinder.bind(Adam.class, Adam.defaults(), options, "optimizer adam");
            case "sgd":
                return ConfigBinder.bind(Sgd.class, Sgd.defaults(), options, "optimizer sgd");
            default:
                throw new IllegalArgumentException("optimizer: expected adam or sgd, got '" + spec.name() + "'");
        }
    }
}
