package org.ae4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn with java.awt (headless): a line chart and a histogram. Text needs fonts; on a JVM that
 * has none, charts are drawn without labels (the HTML around them carries the numbers).
 */
final class Charts {
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);
    private static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 50;

    /** Line colours, in order. */
    static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0xFF7F0E)};

    private Charts() {
    }

    /**
     * One line of a chart; NaN values are gaps.
     *
     * @param name legend text
     * @param x abscissae
     * @param y ordinates
     * @param dashed draw dashed
     */
    record Series(String name, double[] x, double[] y, boolean dashed) {
    }

    /** A line chart of the series (at least one finite point overall). */
    static BufferedImage lines(String title, String xLabel, String yLabel, List<Series> series, int w, int h) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, s.y()[i]);
                    y1 = Math.max(y1, s.y()[i]);
                }
            }
        }
        if (!(x0 <= x1)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (x1 == x0) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        double pad = (y1 - y0) * 0.05;
        if (pad == 0) {
            pad = Math.max(Math.abs(y0) * 0.05, 1e-6);
        }
        y0 -= pad;
        y1 += pad;
        boolean integerX = true;
        for (Series s : series) {
            for (double v : s.x()) {
                integerX &= v == Math.rint(v);
            }
        }
        Canvas c = new Canvas(w, h);
        c.frame(title, xLabel, yLabel, x0, x1, y0, y1, integerX);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            Color col = PALETTE[si % PALETTE.length];
            c.g.setColor(col);
            c.g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    pen = false;
                    continue;
                }
                double px = c.px(s.x()[i], x0, x1);
                double py = c.py(s.y()[i], y0, y1);
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
                c.g.fillOval((int) px - 3, (int) py - 3, 6, 6);
            }
            c.g.draw(path);
        }
        int lx = w - RIGHT - 215;
        c.g.setColor(Color.WHITE);
        c.g.fillRect(lx - 6, TOP + 4, 205, series.size() * 18 + 8);
        c.g.setColor(GRID);
        c.g.drawRect(lx - 6, TOP + 4, 205, series.size() * 18 + 8);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            int ly = TOP + 16 + si * 18;
            c.g.setColor(PALETTE[si % PALETTE.length]);
            c.g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            c.g.drawLine(lx, ly, lx + 25, ly);
            c.g.setColor(AXIS);
            c.text(s.name(), lx + 32, ly + 5);
        }
        return c.done();
    }

    /** A histogram of values in [lo, hi] with the given number of bins (values outside are clamped). */
    static BufferedImage histogram(String title, String xLabel, float[] values, int bins, double lo, double hi,
                                   int w, int h) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        long[] counts = new long[bins];
        for (float v : values) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        long max = 1;
        for (long n : counts) {
            max = Math.max(max, n);
        }
        Canvas c = new Canvas(w, h);
        c.frame(title, xLabel, "count", lo, hi, 0, max * 1.05, false);
        c.g.setColor(PALETTE[0]);
        for (int b = 0; b < bins; b++) {
            double a = lo + (hi - lo) * b / bins;
            double z = lo + (hi - lo) * (b + 1) / bins;
            int px0 = (int) Math.round(c.px(a, lo, hi));
            int px1 = (int) Math.round(c.px(z, lo, hi));
            int py = (int) Math.round(c.py(counts[b], 0, max * 1.05));
            c.g.fillRect(px0, py, Math.max(1, px1 - px0 - 1), h - BOTTOM - py);
        }
        return c.done();
    }

    /** "Nice" tick values covering [lo, hi]. */
    static double[] ticks(double lo, double hi, int target, boolean integers) {
        double span = hi - lo;
        double raw = span / Math.max(1, target);
        if (integers) {
            raw = Math.max(1, raw);
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        if (integers) {
            step = Math.max(1, Math.ceil(step));
        }
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A white image with a plot area and text that degrades to nothing without fonts. */
    private static final class Canvas {
        final BufferedImage img;
        final Graphics2D g;
        final int w;
        final int h;
        private boolean fonts = true;

        Canvas(int w, int h) {
            this.w = w;
            this.h = h;
            img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
        }

        double px(double x, double x0, double x1) {
            return LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT);
        }

        double py(double y, double y0, double y1) {
            return h - BOTTOM - (y - y0) / (y1 - y0) * (h - TOP - BOTTOM);
        }

        void frame(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1,
                   boolean integerX) {
            g.setStroke(new BasicStroke(1f));
            for (double t : ticks(y0, y1, 6, false)) {
                int y = (int) Math.round(py(t, y0, y1));
                g.setColor(GRID);
                g.drawLine(LEFT, y, w - RIGHT, y);
                g.setColor(AXIS);
                text(label(t), 6, y + 4);
            }
            for (double t : ticks(x0, x1, 8, integerX)) {
                int x = (int) Math.round(px(t, x0, x1));
                g.setColor(GRID);
                g.drawLine(x, TOP, x, h - BOTTOM);
                g.setColor(AXIS);
                text(label(t), x - 8, h - BOTTOM + 16);
            }
            g.setColor(AXIS);
            g.drawRect(LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM);
            font(Font.BOLD, 14);
            text(title, LEFT, 17);
            font(Font.PLAIN, 12);
            text(xLabel, LEFT + (w - LEFT - RIGHT) / 2 - 20, h - 12);
            text(yLabel, 6, TOP - 5);
        }

        private void font(int style, int size) {
            if (fonts) {
                try {
                    g.setFont(new Font(Font.SANS_SERIF, style, size));
                } catch (RuntimeException | LinkageError e) {
                    fonts = false;
                }
            }
        }

        void text(String s, int x, int y) {
            if (!fonts) {
                return;
            }
            try {
                g.drawString(s, x, y);
            } catch (RuntimeException | LinkageError | InternalError e) {
                fonts = false;
            }
        }

        BufferedImage done() {
            g.dispose();
            return img;
        }
    }
}
