package org.ae4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ae4j.core.ir.Autodiff;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.ir.Ops;
import org.ae4j.core.ir.ReferenceExecutor;
import org.ae4j.core.ir.Shape;
import org.ae4j.core.spi.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite every backend passes. A backend's test class extends it and implements
 * {@link #createBackend()}; the session behaviour, training and determinism checks are in
 * {@link SessionConformanceChecks}, which this class extends.
 *
 * <p>Op checks, for every {@link Op} (an op without cases fails): forward values against
 * {@link ReferenceExecutor} within {@link Tolerance}; gradients of {@code loss = Σ op(inputs)·C} (C a random
 * constant) computed by the backend against the reference; the reference gradients against double-precision
 * central differences; and second-order gradients (the gradient of {@code Σ ∂loss/∂x · D}) likewise. GREATER and
 * SIGN must also give exactly zero gradients; graphs made of a CONSTANT alone have no leaf and are checked forward
 * only. Random graphs (mixed, and dense elementwise chains) check memory planning and fusion.
 *
 * <p>Tolerances are in {@link Tolerance}: 1e-5 relative / 1e-6 absolute for one float32 rounding, 1e-4 / 1e-5 for
 * sums (MATMUL with K up to 600, REDUCE_SUM, gradients), 1e-6 / 1e-6 between central differences (h = 1e-6) and
 * double-precision gradients.
 */
public abstract class BackendConformanceSuite extends SessionConformanceChecks {
    /** Second-order checks are skipped for cases with more leaf elements than this, to keep the suite fast. */
    private static final int SECOND_ORDER_MAX_ELEMENTS = 4096;

    private Backend backend;

    /** A new backend with its default configuration; closed by the suite. */
    protected abstract Backend createBackend();

    /**
     * A new backend that uses the given number of threads, for the determinism check; backends without a thread
     * setting keep the default, which returns {@link #createBackend()}.
     */
    protected Backend createBackend(int threads) {
        return createBackend();
    }

    /** The backend shared by the checks of one test; created on first use. */
    @Override
    protected final Backend backend() {
        if (backend == null) {
            backend = createBackend();
        }
        return backend;
    }

    @Override
    protected final Backend backendWithThreads(int threads) {
        return createBackend(threads);
    }

    @AfterEach
    public void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Test
    public void everyOpHasCasesAndDifferentiableOnesHaveGradientCases() {
        for (Op op : Op.values()) {
            List<OpCase> cases = OpCases.forOp(op);
            assertTrue(!cases.isEmpty(), op + " has no conformance case");
            assertTrue(cases.stream().anyMatch(OpCase::differentiable), op + " has no gradient case");
            for (OpCase c : cases) {
                assertEquals(op, c.op(), c.name() + " is filed under " + op);
            }
        }
    }

    @TestFactory
    public Stream<DynamicNode> forwardValuesMatchTheReference() {
        return perOp(c -> dynamicTest(c.name(), () -> {
            float[] got = Runs.evaluate(backend(), List.of(c.output()), c.feeds()).get(0);
            double[] want = ReferenceExecutor.evaluate(c.output(), c.feeds());
            Compare.assertClose(c.name(), want, got, c.tolerance());
        }), c -> true);
    }

    @TestFactory
    public Stream<DynamicNode> gradientsMatchTheReference() {
        return perOp(c -> dynamicTest(c.name(), () -> {
            Node loss = weightedSum(c.output(), 17);
            List<Node> grads = Autodiff.gradients(loss, c.leaves());
            List<float[]> got = Runs.evaluate(backend(), grads, c.feeds());
            Map<Node, double[]> want = ReferenceExecutor.evaluate(grads, c.feeds());
            for (int i = 0; i < grads.size(); i++) {
                String what = "d loss / d " + c.leaves().get(i).name() + " of " + c.name();
                Compare.assertClose(what, want.get(grads.get(i)), got.get(i), Tolerance.SUMS);
                if (c.op().isPiecewiseConstant()) {
                    Compare.assertClose(what + " (piecewise constant: zero)",
                            new double[got.get(i).length], got.get(i), Tolerance.ELEMENTWISE);
                }
            }
        }), OpCase::differentiable);
    }

    @TestFactory
    public Stream<DynamicNode> referenceGradientsMatchCentralDifferences() {
        return perOp(c -> dynamicTest(c.name(), () -> {
            Node loss = weightedSum(c.output(), 17);
            checkAgainstCentralDifferences(c.name(), loss, c.leaves(), c.feeds());
        }), OpCase::differentiable);
    }

    @TestFactory
    public Stream<DynamicNode> secondOrderGradientsMatchTheReferenceAndCentralDifferences() {
        return perOp(c -> dynamicTest(c.name(), () -> {
            Node loss = weightedSum(c.output(), 17);
            List<Node> grads = Autodiff.gradients(loss, c.leaves());
            Node loss2 = null;
            for (int i = 0; i < grads.size(); i++) {
                Node term = weightedSum(grads.get(i), 29 + i);
                loss2 = loss2 == null ? term : Ops.add(loss2, term);
            }
            checkAgainstCentralDifferences(c.name() + ", second order", loss2, c.leaves(), c.feeds());
            List<Node> second = Autodiff.gradients(loss2, c.leaves());
            List<float[]> got = Runs.evaluate(backend(), second, c.feeds());
            Map<Node, double[]> want = ReferenceExecutor.evaluate(second, c.feeds());
            for (int i = 0; i < second.size(); i++) {
                Compare.assertClose("second-order gradient wrt " + c.leaves().get(i).name() + " of " + c.name(),
                        want.get(second.get(i)), got.get(i), Tolerance.SUMS);
            }
        }), c -> c.differentiable() && leafElements(c) <= SECOND_ORDER_MAX_ELEMENTS);
    }

    @Test
    public void gradientOfTheSquaredInputGradientOfTanhOfAProductMatchesCentralDifferences() {
        // The shape of a contractive penalty: Ω = Σ (∂ Σ tanh(x·w) / ∂x)², differentiated again wrt x and w.
        Node x = Ops.input("x", Shape.of(5, 4));
        Node w = Ops.parameter("w", Shape.of(4, 3));
        Node dx = Autodiff.gradient(Ops.sumAll(Ops.tanh(Ops.matmul(x, w))), x);
        Node penalty = Ops.sumAll(Ops.mul(dx, dx));
        List<Node> wrt = List.of(x, w);
        Map<Node, double[]> feeds = Map.of(x, new Values(41).uniform(x.shape(), -1, 1),
                w, new Values(42).uniform(w.shape(), -1, 1));
        checkAgainstCentralDifferences("Σ(∂Σtanh(x·w)/∂x)²", penalty, wrt, feeds);
        List<Node> second = Autodiff.gradients(penalty, wrt);
        List<float[]> got = Runs.evaluate(backend(), second, feeds);
        Map<Node, double[]> want = ReferenceExecutor.evaluate(second, feeds);
        for (int i = 0; i < wrt.size(); i++) {
            Compare.assertClose("∂Ω/∂" + wrt.get(i).name(), want.get(second.get(i)), got.get(i), Tolerance.SUMS);
        }
    }

    @TestFactory
    public Stream<DynamicNode> randomGraphsMatchTheReference() {
        List<DynamicNode> tests = new ArrayList<>();
        for (long seed = 1; seed <= 80; seed++) {
            long s = seed;
            boolean elementwise = seed > 40;
            tests.add(dynamicTest("random " + (elementwise ? "elementwise " : "") + "graph " + seed, () -> {
                RandomGraphs.Graph g = RandomGraphs.generate(s, 40, elementwise);
                List<float[]> got = Runs.evaluate(backend(), g.outputs(), g.feeds());
                Map<Node, double[]> want = ReferenceExecutor.evaluate(g.outputs(), g.feeds());
                for (int i = 0; i < got.size(); i++) {
                    Compare.assertClose("random graph " + s + ", output " + i + " " + g.outputs().get(i),
                            want.get(g.outputs().get(i)), got.get(i), Tolerance.DEEP);
                }
            }));
        }
        return tests.stream();
    }

    /** Σ node·C for a fixed pseudo-random constant C of node's shape (float-representable). */
    static Node weightedSum(Node node, long seed) {
        Shape shape = node.shape();
        Node c = Ops.constant(shape, new Values(seed).uniform(shape, -1, 1));
        return Ops.sumAll(Ops.mul(node, c));
    }

    /** Checks the reference gradients of a scalar loss against central differences, leaf by leaf. */
    static void checkAgainstCentralDifferences(String name, Node loss, List<Node> leaves, Map<Node, double[]> feeds) {
        List<Node> grads = Autodiff.gradients(loss, leaves);
        Map<Node, double[]> values = ReferenceExecutor.evaluate(grads, Runs.restrict(feeds, leaves));
        for (int i = 0; i < leaves.size(); i++) {
            Node leaf = leaves.get(i);
            int[] idx = FiniteDifferences.indices(leaf.shape().size(), 31L * i + leaf.shape().size());
            double[] fd = FiniteDifferences.gradient(loss, leaf, Runs.restrict(feeds, leaves), idx);
            double[] ad = FiniteDifferences.select(values.get(grads.get(i)), idx);
            Compare.assertClose("reference gradient wrt " + leaf.name() + " of " + name
                    + " vs central differences", fd, ad, Tolerance.CENTRAL_DIFFERENCE);
        }
    }

    private static int leafElements(OpCase c) {
        int n = 0;
        for (Node leaf : c.leaves()) {
            n += leaf.shape().size();
        }
        return n;
    }

    private static Stream<DynamicNode> perOp(java.util.function.Function<OpCase, DynamicNode> test,
                                             java.util.function.Predicate<OpCase> filter) {
        List<DynamicNode> containers = new ArrayList<>();
        for (Op op : Op.values()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (OpCase c : OpCases.forOp(op)) {
                if (filter.test(c)) {
                    tests.add(test.apply(c));
                }
            }
            if (tests.isEmpty()) {
                tests.add(dynamicTest(op + " has no applicable case", () -> {
                    throw new AssertionError(op + " has no applicable conformance case");
                }));
            }
            containers.add(dynamicContainer(op.name(), tests));
        }
        return containers.stream();
    }
}
