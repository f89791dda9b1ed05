package org.ae4j.core.checkpoint;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.ae4j.core.testing.ForwardingSession;

/**
 * The reference backend with every parameter rounded to float after each run, like a float32 backend keeps
 * them (revert is not supported: rounding clears the reference session's history).
 */
final class FloatStateBackend implements Backend {
    private final ReferenceBackend inner = new ReferenceBackend();

    @Override
    public String name() {
        return "float-state";
    }

    @Override
    public String describe() {
        return "reference executor, parameters kept as float";
    }

    @Override
    public Session open(Program program) {
        return new ForwardingSession(inner.open(program)) {
            @Override
            public void run() {
                inner.run();
                for (Node p : program.parameters()) {
                    float[] v = new float[p.shape().size()];
                    inner.getParameter(p, v);
                    inner.setParameter(p, v);
                }
            }

            @Override
            public void revert(int runs) {
                throw new UnsupportedOperationException("revert");
            }
        };
    }
}
