package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.brownian.BrownianSource;

/**
 * One path of a chunk's pre-drawn increments as a {@link BrownianSource}, so that the per-path gradient methods of
 * {@code org.sde4j.gradient} (which query {@code W(t_{n+1}) − W(t_n)} forwards and again backwards) see exactly the
 * increments the forward tangents saw. Only grid intervals are answered; anything else is refused.
 */
final class ReplayedPath implements BrownianSource {
    private final double[] times;
    private final int d;
    private final int block;
    private double[] dw;
    private int path;

    ReplayedPath(double[] times, int d, int block) {
        this.times = times;
        this.d = d;
        this.block = block;
    }

    /** Points this source at path {@code q} of the chunk increments {@code dw[(n·d + i)·B + q]}. */
    void select(double[] chunkIncrements, int q) {
        this.dw = chunkIncrements;
        this.path = q;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void increment(double s, double t, double[] out) {
        int n = Arrays.binarySearch(times, s);
        if (n < 0 || n + 1 >= times.length || times[n + 1] != t) {
            throw new IllegalArgumentException("interval [" + s + ", " + t + "]: the replayed path answers grid"
                    + " intervals [t_n, t_{n+1}] of its " + (times.length - 1) + "-step grid only");
        }
        for (int i = 0; i < d; i++) {
            out[i] = dw[(n * d + i) * block + path];
        }
    }
}
