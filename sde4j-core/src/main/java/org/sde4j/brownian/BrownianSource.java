package org.sde4j.brownian;

/**
 * An m-dimensional Brownian motion {@code W}, queried by interval.
 *
 * <p>Implementations say in their javadoc which queries they answer: a streaming source answers only
 * consecutive intervals, once each; a stored path answers any interval on its grid, as often as asked,
 * always with the same value. Every source is seeded and reproducible; none is shared between threads.
 */
public interface BrownianSource {
    /** The number m of independent Brownian motions. */
    int dimension();

    /**
     * Writes {@code out = W(t) − W(s)}.
     *
     * @param s   start of the interval
     * @param t   end of the interval, {@code t > s}
     * @param out length m (modified)
     * @throws IllegalArgumentException when this source cannot answer the query consistently
     */
    void increment(double s, double t, double[] out);

    /**
     * Writes the increments over {@code count} consecutive intervals
     * {@code [times[from + k], times[from + k + 1]]}: {@code out[k·m + j] = W_j(times[from + k + 1]) − W_j(times[from + k])}.
     * Solvers fetch a tile of steps at a time through this method, which lets a source fill them in one
     * tight loop; the result is exactly that of {@code count} calls of {@link #increment}, in order.
     *
     * @param times increasing times (not modified)
     * @param from  index of the first interval's start
     * @param count number of intervals
     * @param out   at least {@code count · m} entries (modified)
     */
    default void increments(double[] times, int from, int count, double[] out) {
        int m = dimension();
        double[] one = new double[m];
        for (int k = 0; k < count; k++) {
            increment(times[from + k], times[from + k + 1], one);
            System.arraycopy(one, 0, out, k * m, m);
        }
    }
}
