package org.ae4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Op;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.EncoderGraph;
import org.ae4j.core.spi.Layer;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.util.Rng;

/**
 * One self-contained HTML page about a model: loss curves, originals beside (corrupted inputs and)
 * reconstructions, first-layer filters, a histogram of code activations, and the evaluation. Pictures are PNGs in
 * {@code data:} URIs; there are no external resources and no scripts.
 */
final class Report {
    /** Examples shown in the reconstruction grid. */
    static final int EXAMPLES = 10;
    /** Filters shown at most. */
    static final int FILTERS = 64;

    private Report() {
    }

    /**
     * What a report shows.
     *
     * @param title the page title
     * @param config the resolved options, by name
     * @param model the trained model
     * @param backend the backend to run the corruption preview on
     * @param stageNames names of the training stages (empty for one stage)
     * @param histories each stage's epochs (may be empty for a model without history)
     * @param summary extra lines for the summary table (name, value), in order
     * @param evaluated the evaluation, with its codes and reconstructions
     * @param evalRaw the evaluation data, raw units
     * @param trainRange the smallest and largest normalized training value (for the corruption)
     * @param seed seeds the corruption preview
     */
    record Input(String title, Map<String, Object> config, Autoencoder model, Backend backend, List<String> stageNames,
                 List<List<EpochMetrics>> histories, Map<String, String> summary, Evaluation.Evaluated evaluated,
                 Dataset evalRaw, double[] trainRange, long seed) {
    }

    /** The page. */
    static String html(Input in) {
        Html h = new Html(in.title());
        Evaluation.Result r = in.evaluated().result();
        h.section("Summary");
        Map<String, String> summary = new java.util.LinkedHashMap<>(in.summary());
        summary.put("model", in.model().spec().describe());
        summary.put("normalization", in.model().normalization().kind().optionName());
        h.table(summary);
        lossCurves(h, in);
        reconstructions(h, in);
        filters(h, in);
        codeHistogram(h, in);
        h.section("Evaluation");
        h.paragraph("On " + r.data() + " (" + r.rows() + " rows); distances are in the units the encoder sees"
                + " (after normalization).");
        h.table(evaluationRows(r));
        for (String note : r.notes()) {
            h.note(note);
        }
        h.section("Configuration");
        Map<String, String> cfg = new java.util.LinkedHashMap<>();
        in.config().forEach((k, v) -> cfg.put(k, String.valueOf(v)));
        h.table(cfg);
        return h.done();
    }

    private static void lossCurves(Html h, Input in) {
        h.section("Loss curves");
        List<List<EpochMetrics>> hs = in.histories();
        if (hs.isEmpty() || hs.get(hs.size() - 1).isEmpty()) {
            h.note("no training history for this model");
            return;
        }
        List<EpochMetrics> last = hs.get(hs.size() - 1);
        int n = last.size();
        double[] x = new double[n];
        double[] loss = new double[n];
        double[] rec = new double[n];
        double[] val = new double[n];
        boolean hasVal = false;
        for (int i = 0; i < n; i++) {
            EpochMetrics m = last.get(i);
            x[i] = m.epoch();
            loss[i] = m.loss();
            rec[i] = m.reconstructionLoss();
            val[i] = m.validationLoss();
            hasVal |= m.hasValidation();
        }
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("train objective", x, loss, false));
        if (!last.get(0).penalties().isEmpty()) {
            series.add(new Charts.Series("train reconstruction", x, rec, true));
        }
        if (hasVal) {
            series.add(new Charts.Series("validation reconstruction", x, val, false));
        }
        String stage = in.stageNames().isEmpty() ? "" : " (" + in.stageNames().get(in.stageNames().size() - 1) + ")";
        h.image(Png.dataUri(Charts.lines("Loss per epoch" + stage, "epoch", "loss per row", series, 900, 420)),
                "loss curves", "Training objective (reconstruction plus penalties) per epoch"
                        + (hasVal ? ", and the reconstruction loss on the held-out validation rows (clean inputs)" : "")
                        + ". Losses are per row, averaged over the epoch.");
        if (hs.size() > 1) {
            Map<String, String> stages = new java.util.LinkedHashMap<>();
            for (int s = 0; s < hs.size(); s++) {
                List<EpochMetrics> e = hs.get(s);
                String name = s < in.stageNames().size() ? in.stageNames().get(s) : "stage " + (s + 1);
                stages.put(name, e.isEmpty() ? "no epochs" : String.format(Locale.ROOT,
                        "%d epochs, loss %.4f -> %.4f", e.size(), e.get(0).loss(), e.get(e.size() - 1).loss()));
            }
            h.table(stages);
        }
    }

    private static void reconstructions(Html h, Input in) {
        h.section("Reconstructions");
        Dataset raw = in.evalRaw();
        int d = raw.cols();
        int side = Pictures.side(d);
        if (side < 0) {
            h.note("inputs of " + d + " features are not square images; no pictures");
            return;
        }
        int[] rows = examples(raw);
        int n = rows.length;
        float[] orig = gather(raw.values(), rows, d);
        Normalization norm = in.model().normalization();
        float[] recon = denormalize(norm, gather(in.evaluated().inference().reconstructions(), rows, d), d);
        List<float[]> bands = new ArrayList<>();
        bands.add(orig);
        String caption = "Top: inputs; ";
        if (in.model().spec().corruption() != null) {
            float[] normRows = gather(in.evaluated().normalized().values(), rows, d);
            float[] corrupted = CorruptionPreview.apply(in.model().spec().corruption(), in.backend(), normRows, n, d,
                    in.trainRange()[0], in.trainRange()[1], new Rng(in.seed()).split("report:corruption"));
            bands.add(denormalize(norm, corrupted, d));
            caption += "middle: the same inputs with the model's corruption (" + in.model().spec().corruption().spec()
                    + ", as in training, seeded); ";
        }
        bands.add(recon);
        caption += "bottom: reconstructions of the clean inputs"
                + (raw.hasLabels() ? " (one example per class)." : ".");
        double lo = raw.min();
        double hi = raw.max() > lo ? raw.max() : lo + 1;
        h.image(Png.dataUri(Pictures.bands(bands, n, side, lo, hi, 3)), "originals and reconstructions", caption);
    }

    private static void filters(Html h, Input in) {
        h.section("Learned filters");
        int d = in.model().inputDim();
        int side = Pictures.side(d);
        EncoderGraph enc = ModelGraph.inference(in.model().spec(), d, 1).encoder();
        if (side < 0 || enc.layers().isEmpty() || enc.layers().get(0).weight().op() != Op.PARAMETER) {
            h.note(side < 0 ? "inputs of " + d + " features are not square images; no filters"
                    : "the encoder exposes no first-layer weight; no filters");
            return;
        }
        Layer first = enc.layers().get(0);
        Node w = first.weight();
        int k = w.shape().dim(1);
        h.image(Png.dataUri(Pictures.filters(in.model().parameter(w.name()), d, k, side, FILTERS, 16, 2)),
                "learned filters", "Columns of the first encoder layer's weight " + w.name() + " [" + d + ", " + k
                        + "]" + (k > FILTERS ? ", the first " + FILTERS : "")
                        + ", each scaled to its own largest |w|: mid-gray is 0, light positive, dark negative.");
    }

    private static void codeHistogram(Html h, Input in) {
        h.section("Code activations");
        float[] codes = in.evaluated().inference().codes();
        EncoderGraph enc = ModelGraph.inference(in.model().spec(), in.model().inputDim(), 1).encoder();
        Activation act = enc.layers().isEmpty() ? null : enc.layers().get(enc.layers().size() - 1).activation();
        double lo;
        double hi;
        if (act == Activation.SIGMOID) {
            lo = 0;
            hi = 1;
        } else if (act == Activation.TANH) {
            lo = -1;
            hi = 1;
        } else {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (float c : codes) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        h.image(Png.dataUri(Charts.histogram("Code activations (" + in.model().codeDim() + " units x "
                        + in.evaluated().result().rows() + " rows)", "activation h", codes, 50, lo, hi, 900, 360)),
                "histogram of code activations", "All code values h of the evaluation rows, 50 bins.");
    }

    private static Map<String, String> evaluationRows(Evaluation.Result r) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("mean row squared error", f(r.reconstruction().meanRowSquaredError()));
        m.put("mean " + r.reconstruction().loss() + " per row", f(r.reconstruction().meanLoss()));
        m.put("mean ‖J_f(x)‖_F", f(r.jacobian().meanFrobeniusNorm()) + " (" + r.jacobian().method() + ", "
                + r.jacobian().rows() + " rows)");
        for (Evaluation.Radius q : r.contraction().radii()) {
            m.put("contraction ratio, ‖ε‖ = " + EvalOutput.fmt(q.radius()), f(q.ratio()) + " (" + r.contraction().rows()
                    + " rows)");
        }
        Evaluation.Saturation s = r.saturation();
        m.put("saturated code values", s.fraction() == null ? "n/a (" + s.rule() + ")"
                : f(s.fraction()) + " (" + s.activation() + ": " + s.rule()
                        + (s.deadUnits() == null ? "" : "; " + s.deadUnits() + " dead units") + ")");
        m.put("mean activation per unit ρ̂: mean", f(r.sparsity().meanActivationMean()));
        m.put("mean activation per unit ρ̂: std", f(r.sparsity().meanActivationStd()));
        Evaluation.Probe p = r.linearProbe();
        if (p != null) {
            String budget = " (" + p.classes() + " classes, " + p.trainRows() + " train / " + p.testRows()
                    + " test rows, " + p.epochs() + " epochs)";
            m.put("linear probe accuracy, codes", f(p.codeAccuracy()) + budget);
            m.put("linear probe accuracy, raw inputs", f(p.rawAccuracy()) + budget);
        }
        return m;
    }

    /** One example per class (first of each, in class order) when labelled, else the first rows. */
    static int[] examples(Dataset raw) {
        int n = Math.min(EXAMPLES, raw.rows());
        if (!raw.hasLabels()) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            return r;
        }
        java.util.TreeMap<Integer, Integer> firstOf = new java.util.TreeMap<>();
        for (int i = 0; i < raw.rows() && firstOf.size() < EXAMPLES; i++) {
            firstOf.putIfAbsent(raw.labels()[i], i);
        }
        List<Integer> rows = new ArrayList<>(firstOf.values());
        for (int i = 0; rows.size() < n && i < raw.rows(); i++) {
            if (!rows.contains(i)) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] gather(float[] values, int[] rows, int d) {
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * d, out, i * d, d);
        }
        return out;
    }

    /** Maps normalized values back to raw units (features the normalization zeroed map to their shift). */
    static float[] denormalize(Normalization n, float[] v, int d) {
        if (n.isIdentity()) {
            return v;
        }
        float[] shift = n.shift();
        float[] scale = n.scale();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            out[i] = scale[j] != 0 ? v[i] / scale[j] + shift[j] : shift[j];
        }
        return out;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A tiny HTML writer with the page's inline style. */
    private static final class Html {
        private final StringBuilder sb = new StringBuilder();

        Html(String title) {
            sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                    .append(esc(title)).append("</title>\n<style>\n")
                    .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;")
                    .append("margin:2em auto;padding:0 1em;color:#222}\n")
                    .append("h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}\n")
                    .append("table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .8em;text-align:left;")
                    .append("border-bottom:1px solid #eee;vertical-align:top}th{font-weight:600;white-space:nowrap}\n")
                    .append("td{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-word}\n")
                    .append("figure{margin:.5em 0}img{max-width:100%;image-rendering:pixelated;border:1px solid #ddd}\n")
                    .append("figcaption{color:#555;font-size:.9em}.note{color:#8a5a00}\n")
                    .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        }

        void section(String name) {
            sb.append("<h2>").append(esc(name)).append("</h2>\n");
        }

        void paragraph(String text) {
            sb.append("<p>").append(esc(text)).append("</p>\n");
        }

        void note(String text) {
            sb.append("<p class=\"note\">Note: ").append(esc(text)).append("</p>\n");
        }

        void table(Map<String, String> rows) {
            sb.append("<table>\n");
            rows.forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }

        void image(String dataUri, String alt, String caption) {
            sb.append("<figure><img alt=\"").append(esc(alt)).append("\" src=\"").append(dataUri)
                    .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        }

        String done() {
            return sb.append("</body>\n</html>\n").toString();
        }

        static String esc(String s) {
            StringBuilder o = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> o.append("&lt;");
                    case '>' -> o.append("&gt;");
                    case '&' -> o.append("&amp;");
                    case '"' -> o.append("&quot;");
                    default -> o.append(c);
                }
            }
            return o.toString();
        }
    }
}
