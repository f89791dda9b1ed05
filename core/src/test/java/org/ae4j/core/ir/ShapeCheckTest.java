package org.ae4j.core.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeCheckTest {
    private final Node a = Ops.input("a", Shape.of(128, 784));
    private final Node b = Ops.input("b", Shape.of(256, 784));

    @Test
    void matmulWithMismatchedInnerDimensionsNamesOpAndBothShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Ops.matmul(a, b));
        assertEquals("MATMUL: inner dimensions differ: [128, 784] and [256, 784]", e.getMessage());
    }

    @Test
    void matmulWithTransposeFlagInfersShape() {
        assertEquals(Shape.of(128, 256), Ops.matmul(a, b, false, true).shape());
    }

    @Test
    void binaryOpThatDoesNotBroadcastNamesOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Ops.add(a, Ops.input("c", Shape.of(10))));
        assertEquals("ADD: shapes [128, 784] and [10] do not broadcast", e.getMessage());
    }

    @Test
    void broadcastingRowVectorGivesTheLargerShape() {
        assertEquals(Shape.of(128, 784), Ops.mul(a, Ops.input("r", Shape.of(784))).shape());
        assertEquals(Shape.of(128, 784), Ops.sub(Ops.input("c", Shape.of(128, 1)), a).shape());
    }

    @Test
    void reduceSumInfersShapeWithAndWithoutKeptAxes() {
        assertEquals(Shape.of(784), Ops.reduceSum(a, false, 0).shape());
        assertEquals(Shape.of(128, 1), Ops.reduceSum(a, true, 1).shape());
        assertEquals(Shape.scalar(), Ops.sumAll(a).shape());
        assertThrows(ShapeException.class, () -> Ops.reduceSum(a, false, 2));
    }

    @Test
    void reshapeToDifferentSizeIsRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Ops.reshape(a, Shape.of(100)));
        assertEquals("RESHAPE: cannot reshape [128, 784] to [100]", e.getMessage());
    }

    @Test
    void constantWithWrongNumberOfValuesIsRejected() {
        assertThrows(ShapeException.class, () -> Ops.constant(Shape.of(2, 2), 1, 2, 3));
    }

    @Test
    void nonPositiveDimensionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertEquals("shape: expected positive dimensions, got [3, 0] (dimension 1)", e.getMessage());
    }

    @Test
    void gradientOfNonScalarIsRejected() {
        assertThrows(ShapeException.class, () -> Autodiff.gradients(a, java.util.List.of(a)));
    }
}
