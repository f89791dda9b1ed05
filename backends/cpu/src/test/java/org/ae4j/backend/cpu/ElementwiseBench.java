package org.ae4j.backend.cpu;

import java.util.Locale;
import java.util.Random;
import org.ae4j.core.ir.Op;

/** ns per element of each elementwise kernel over blocks of FusedStep.BLOCK floats (one thread). */
public final class ElementwiseBench {
    private ElementwiseBench() {
    }

    public static void main(String[] args) {
        int n = FusedStep.BLOCK;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] o = new float[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * Double.parseDouble(System.getProperty("scale", "1")));
            b[i] = r.nextFloat() + 0.5f;
        }
        Op[] ops = {Op.NEG, Op.EXP, Op.LOG, Op.ABS, Op.SIGN, Op.SQRT, Op.TANH, Op.ADD, Op.SUB, Op.MUL, Op.DIV,
            Op.MAXIMUM, Op.MINIMUM, Op.GREATER};
        for (int round = 0; round < 5; round++) {
            for (Op op : ops) {
                boolean unary = op.kind() == Op.Kind.UNARY;
                float[] src = op == Op.LOG || op == Op.SQRT ? b : a;
                int reps = 20000;
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    if (unary) {
                        Elementwise.unary(op, src, 0, o, 0, n);
                    } else {
                        Elementwise.binary(op, a, 0, 1, b, 0, 1, o, 0, n);
                        Elementwise.binary(op, a, 0, 1, b, 3, 0, o, 0, n);
                    }
                }
                double ns = (System.nanoTime() - t0) / (double) reps / n / (unary ? 1 : 2);
                if (round == 4) {
                    System.out.printf(Locale.ROOT, "  %-8s %.3f ns/elem%n", op, ns);
                }
            }
        }
    }
}
