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
}
