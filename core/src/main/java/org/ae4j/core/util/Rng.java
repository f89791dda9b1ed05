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
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
