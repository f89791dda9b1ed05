package org.ae4j.core.testing;

import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Session;

/** A session that passes every call to another; tests override the calls they observe or change. */
public class ForwardingSession implements Session {
    protected final Session inner;

    public ForwardingSession(Session inner) {
        this.inner = inner;
    }

    @Override
    public Program program() {
        return inner.program();
    }

    @Override
    public void setParameter(Node parameter, float[] values) {
        inner.setParameter(parameter, values);
    }

    @Override
    public void getParameter(Node parameter, float[] dst) {
        inner.getParameter(parameter, dst);
    }

    @Override
    public void setInput(Node input, float[] src, int offset) {
        inner.setInput(input, src, offset);
    }

    @Override
    public void setInputRows(Node input, float[] src, int[] rows, int from) {
        inner.setInputRows(input, src, rows, from);
    }

    @Override
    public void run() {
        inner.run();
    }

    @Override
    public void getOutput(Node output, float[] dst) {
        inner.getOutput(output, dst);
    }

    @Override
    public float scalarOutput(Node output) {
        return inner.scalarOutput(output);
    }

    @Override
    public void revert(int runs) {
        inner.revert(runs);
    }

    @Override
    public boolean canRevert() {
        return inner.canRevert();
    }

    @Override
    public void close() {
        inner.close();
    }
}
