package org.ae4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.Program;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.model.Component;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.CorruptionContext;
import org.ae4j.core.spi.NoiseSampler;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;

/**
 * Applies a model's corruption to a few rows for a picture: the corruption plugin builds its IR on a batch of
 * those rows exactly as in training, its noise inputs are filled from a seeded generator, and the backend runs it.
 * Any corruption plugin, third-party ones included, is shown as it trains.
 */
final class CorruptionPreview {
    private CorruptionPreview() {
    }

    /**
     * The corrupted copies of {@code rows} [n, d] (normalized units).
     *
     * @param dataMin the smallest value of the normalized training data (salt-and-pepper, clipping)
     * @param dataMax the largest
     */
    static float[] apply(Component<Corruption> corruption, Backend backend, float[] rows, int n, int d,
                         double dataMin, double dataMax, Rng rng) {
        Node x = Ops.input("x", Shape.of(n, d));
        Map<Node, NoiseSampler> noise = new LinkedHashMap<>();
        CorruptionContext ctx = new CorruptionContext() {
            @Override
            public Node noise(String name, Shape shape, NoiseSampler sampler) {
                Node node = Ops.input("noise." + name, shape);
                noise.put(node, sampler);
                return node;
            }

            @Override
            public double dataMin() {
                return dataMin;
            }

            @Override
            public double dataMax() {
                return dataMax;
            }
        };
        Node out = corruption.instance().apply(x, ctx);
        if (out == x) {
            return rows.clone();
        }
        Program p = Program.of(List.of(out), Map.of());
        float[] result = new float[n * d];
        try (Session s = backend.open(p)) {
            if (p.inputs().contains(x)) {
                s.setInput(x, rows, 0);
            }
            for (Map.Entry<Node, NoiseSampler> e : noise.entrySet()) {
                if (!p.inputs().contains(e.getKey())) {
                    continue;
                }
                float[] buf = new float[e.getKey().shape().size()];
                e.getValue().fill(rng.split(e.getKey().name()), buf);
                s.setInput(e.getKey(), buf, 0);
            }
            s.run();
            s.getOutput(out, result);
        }
        return result;
    }
}
