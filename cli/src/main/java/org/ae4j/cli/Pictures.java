package org.ae4j.cli;

import java.awt.image.BufferedImage;
import java.util.List;

/** Images of inputs, reconstructions and learned filters, for square inputs (e.g. 784 = 28×28). */
final class Pictures {
    private static final int GAP = 4;
    private static final int BACKGROUND = 0xFFFFFF;

    private Pictures() {
    }

    /** The side of a square image with d pixels, or −1 when d is not a perfect square. */
    static int side(int d) {
        int s = (int) Math.round(Math.sqrt(d));
        return s * s == d ? s : -1;
    }

    /**
     * A grid with one band per entry of {@code bands} (e.g. originals, corrupted, reconstructions), each band a row
     * of {@code count} images [count, side²] scaled from [lo, hi] to black..white, each pixel drawn scale×scale.
     */
    static BufferedImage bands(List<float[]> bands, int count, int side, double lo, double hi, int scale) {
        int cell = side * scale;
        int w = count * (cell + GAP) + GAP;
        int h = bands.size() * (cell + GAP) + GAP;
        BufferedImage img = blank(w, h);
        for (int b = 0; b < bands.size(); b++) {
            float[] v = bands.get(b);
            for (int n = 0; n < count; n++) {
                int ox = GAP + n * (cell + GAP);
                int oy = GAP + b * (cell + GAP);
                for (int p = 0; p < side * side; p++) {
                    double t = (v[n * side * side + p] - lo) / (hi - lo);
                    fill(img, ox + (p % side) * scale, oy + (p / side) * scale, scale, gray(t));
                }
            }
        }
        return img;
    }

    /**
     * The first {@code max} columns of a weight matrix W [d, k] (row-major) as side×side images, each scaled to its
     * own largest |w| so that 0 is mid-gray, positive light and negative dark; {@code perRow} per row of the grid.
     */
    static BufferedImage filters(float[] w, int d, int k, int side, int max, int perRow, int scale) {
        int count = Math.min(max, k);
        int rows = (count + perRow - 1) / perRow;
        int cols = Math.min(count, perRow);
        int cell = side * scale;
        BufferedImage img = blank(cols * (cell + GAP) + GAP, rows * (cell + GAP) + GAP);
        for (int j = 0; j < count; j++) {
            double m = 1e-12;
            for (int i = 0; i < d; i++) {
                m = Math.max(m, Math.abs(w[i * k + j]));
            }
            int ox = GAP + (j % perRow) * (cell + GAP);
            int oy = GAP + (j / perRow) * (cell + GAP);
            for (int i = 0; i < d; i++) {
                fill(img, ox + (i % side) * scale, oy + (i / side) * scale, scale, gray(0.5 + 0.5 * w[i * k + j] / m));
            }
        }
        return img;
    }

    private static BufferedImage blank(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, BACKGROUND);
            }
        }
        return img;
    }

    private static int gray(double t) {
        int v = (int) Math.round(255 * Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0)));
        return (v << 16) | (v << 8) | v;
    }

    private static void fill(BufferedImage img, int x, int y, int s, int rgb) {
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                img.setRGB(x + dx, y + dy, rgb);
            }
        }
    }
}
