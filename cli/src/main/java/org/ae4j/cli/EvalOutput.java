package org.ae4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** An evaluation as a readable table (default) or as JSON (snake_case keys, one object). */
final class EvalOutput {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private EvalOutput() {
    }

    /** The shared JSON mapper of the command (snake_case, indented). */
    static ObjectMapper json() {
        return JSON;
    }

    /** The result as a JSON document. */
    static String toJson(Evaluation.Result r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result as a table. */
    static void printTable(Evaluation.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "evaluation on %s (%d rows x %d features; code of %d units; normalization %s)%n",
                r.data(), r.rows(), r.features(), r.codeUnits(), r.normalization());
        Evaluation.Reconstruction rec = r.reconstruction();
        row(out, "reconstruction", String.format(Locale.ROOT, "mean row squared error %.4f   (%s per row %.4f)",
                rec.meanRowSquaredError(), rec.loss(), rec.meanLoss()));
        Evaluation.Jacobian j = r.jacobian();
        row(out, "jacobian", String.format(Locale.ROOT, "mean ||J_f(x)||_F %.4f   (%s, %d rows)",
                j.meanFrobeniusNorm(), j.method(), j.rows()));
        StringBuilder c = new StringBuilder("||f(x+e)-f(x)|| / ||e||:");
        for (Evaluation.Radius q : r.contraction().radii()) {
            c.append(String.format(Locale.ROOT, "  r=%s %.4f", fmt(q.radius()), q.ratio()));
        }
        row(out, "contraction", c + String.format(Locale.ROOT, "   (%d rows)", r.contraction().rows()));
        Evaluation.Saturation s = r.saturation();
        row(out, "saturation", s.fraction() == null ? "n/a (" + s.rule() + ")"
                : String.format(Locale.ROOT, "%.4f of code values   (%s: %s%s)", s.fraction(), s.activation(), s.rule(),
                        s.deadUnits() == null ? "" : "; " + s.deadUnits() + " dead units"));
        Evaluation.Sparsity sp = r.sparsity();
        row(out, "sparsity", String.format(Locale.ROOT,
                "mean activation per unit: mean %.4f, std %.4f   (min %.4f, max %.4f)", sp.meanActivationMean(),
                sp.meanActivationStd(), sp.minMeanActivation(), sp.maxMeanActivation()));
        Evaluation.Probe p = r.linearProbe();
        if (p != null) {
            row(out, "linear probe", String.format(Locale.ROOT,
                    "accuracy on codes %.4f, on raw inputs %.4f   (%d classes, %d train / %d test rows, %d epochs)",
                    p.codeAccuracy(), p.rawAccuracy(), p.classes(), p.trainRows(), p.testRows(), p.epochs()));
        }
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "  %-15s %s%n", name, value);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
