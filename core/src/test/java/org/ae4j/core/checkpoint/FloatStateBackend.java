package org.ae4j.core.checkpoint;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;

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
        Session s = inner.open(program);
        return new Session() {
            @Override
            public Program program() {
                return program;
            }

            @Override
            public void setParameter(Node parameter, float[] values) {
                s.setParameter(parameter, values);
            }

            @Override
            public void getParameter(Node parameter, float[] dst) {
                s.getParameter(parameter, dst);
            }

            @Override
            public void setInput(Node input, float[] src, int offset) {
                s.setInput(input, src, offset);
            }

            @Override
            public void run() {
                s.run();
                for (Node p : program.parameters()) {
                    float[] v = new float[p.shape().size()];
                    s.getParameter(p, v);
                    s.setParameter(p, v);
                }
            }

            @Override
            public void getOutput(Node output, float[] dst) {
                s.getOutput(output, dst);
            }

            @Override
            public float scalarOutput(Node output) {
                return s.scalarOutput(output);
            }

            @Override
            public void revert(int runs) {
                throw new UnsupportedOperationException("revert");
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
