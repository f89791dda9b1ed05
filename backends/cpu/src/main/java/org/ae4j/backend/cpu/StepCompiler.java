package org.ae4j.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;

/** Turns a planned schedule into an array of steps bound to concrete buffers (one array per parameter phase). */
final class StepCompiler {
    private final MemoryPlan plan;
    private final Gemm.Workspace[] workspaces;
    private final float[][][] scratch;
    private final WorkerPool pool;

    /** scratch: registers of fused steps, [worker][register][FusedStep.BLOCK]. */
    StepCompiler(MemoryPlan plan, Gemm.Workspace[] workspaces, float[][][] scratch, WorkerPool pool) {
        this.plan = plan;
        this.workspaces = workspaces;
        this.scratch = scratch;
        this.pool = pool;
    }

    /** Workspaces big enough for every MATMUL of the schedule, one per pool thread; empty when there is none. */
    static Gemm.Workspace[] workspacesFor(List<Node> schedule, int threads) {
        int mc = 0;
        int nc = 0;
        int kc = 0;
        for (Node n : schedule) {
            if (n.op() == Op.MATMUL) {
                int m = n.shape().dim(0);
                int cols = n.shape().dim(1);
                int k = n.transA() ? n.input(0).shape().dim(0) : n.input(0).shape().dim(1);
                Gemm.Tiling t = new Gemm.Tiling(m, cols, k);
                mc = Math.max(mc, t.tileRows);
                nc = Math.max(nc, t.tileCols);
                kc = Math.max(kc, Math.min(Gemm.KC_MAX, k));
            }
        }
        if (mc == 0) {
            return new Gemm.Workspace[0];
        }
        Gemm.Workspace[] ws = new Gemm.Workspace[threads];
        for (int i = 0; i < threads; i++) {
            ws[i] = new Gemm.Workspace(mc, nc, kc);
        }
        return ws;
    }

    /** The steps of one run, with every node's storage given by {@code buffer}. */
    Step[] compile(Function<Node, float[]> buffer, Function<Integer, float[]> nextSlot) {
        List<Step> steps = new ArrayList<>();
        for (Node n : plan.schedule) {
            if (plan.fusion.isInterior(n) || plan.fusion.isDeferred(n) || plan.fusion.foldedInto(n) != null
                    || plan.fusion.scalarSource(n) != null || plan.fusion.summedBy(n) != null) {
                continue;
            }
            Fusion.Group group = plan.fusion.groupOf(n);
            AdamUpdate adam = plan.fusion.adamAt(n);
            Step s;
            Node product = plan.fusion.biasAddProduct(n);
            if (adam != null) {
                s = new AdamStep(adam, buffer, pool);
                s.label = "ADAM " + n.shape();
            } else if (product != null) {
                s = matmul(product, buffer, buffer.apply(n), buffer.apply(plan.fusion.biasOf(n)));
                s.label = "MATMUL+ADD " + n.shape() + " from " + operands(product);
            } else if (group != null) {
                s = fused(group, buffer);
            } else if (plan.fusion.summedGroup(n) != null) {
                Fusion.Group summed = plan.fusion.summedGroup(n);
                s = new FusedStep(summed, plan.fusion, buffer, scratch, pool, buffer.apply(n));
                s.label = fusedLabel(summed) + "+REDUCE_SUM " + n.shape();
            } else {
                s = step(n, buffer);
                if (s != null) {
                    s.label = n.op() + " " + n.shape() + (n.op() == Op.MATMUL ? " from " + operands(n) : "");
                }
            }
            if (s != null) {
                steps.add(s);
            }
        }
        for (MemoryPlan.Copy c : plan.copies) {
            Step s = new ElementwiseSteps.Copy(buffer.apply(c.value()), nextSlot.apply(c.param()),
                    c.value().shape().size());
            s.label = "COPY update " + c.value().shape();
            steps.add(s);
        }
        return steps.toArray(new Step[0]);
    }

    private Step fused(Fusion.Group group, Function<Node, float[]> buffer) {
        Step s = new FusedStep(group, plan.fusion, buffer, scratch, pool, null);
        s.label = fusedLabel(group) + " " + group.root().shape();
        return s;
    }

    private static String fusedLabel(Fusion.Group group) {
        StringBuilder label = new StringBuilder();
        for (Node m : group.members()) {
            label.append(label.length() == 0 ? "" : "+").append(m.op());
        }
        return label.toString();
    }

    private static String operands(Node mm) {
        return mm.input(0).shape() + (mm.transA() ? "ᵀ" : "") + " · " + mm.input(1).shape() + (mm.transB() ? "ᵀ" : "");
    }

    /** The product n written to c, plus a bias over its columns when {@code bias} is not null. */
    private GemmTask matmul(Node n, Function<Node, float[]> buf, float[] c, float[] bias) {
        Node a = n.input(0);
        int k = n.transA() ? a.shape().dim(0) : a.shape().dim(1);
        return new GemmTask(n.transA(), n.transB(), n.shape().dim(0), n.shape().dim(1), k, buf.apply(a), 0,
                buf.apply(n.input(1)), 0, c, 0, workspaces, pool, bias);
    }

    private Step step(Node n, Function<Node, float[]> buf) {
        return switch (n.op()) {
            case INPUT, PARAMETER, CONSTANT, RESHAPE -> null;
            case NEG, EXP, LOG, ABS, SIGN, SQRT, TANH ->
                    new ElementwiseSteps.Unary(n.op(), buf.apply(n.input(0)), buf.apply(n), n.shape().size());
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, GREATER -> new ElementwiseSteps.Binary(n.op(),
                    buf.apply(n.input(0)), n.input(0).shape(), buf.apply(n.input(1)), n.input(1).shape(),
                    buf.apply(n), n.shape());
            case MATMUL -> matmul(n, buf, buf.apply(n), null);
            case REDUCE_SUM -> new LayoutSteps.ReduceSum(buf.apply(n.input(0)), n.input(0).shape(), n.axes(),
                    buf.apply(n), n.shape().size(), pool);
            case TRANSPOSE -> new LayoutSteps.Transpose(buf.apply(n.input(0)), n.input(0).shape(), n.perm(),
                    buf.apply(n), n.shape());
            case BROADCAST -> new ElementwiseSteps.Broadcast(buf.apply(n.input(0)), n.input(0).shape(),
                    buf.apply(n), n.shape());
        };
    }
}
