package org.sde4j.brownian;

/**
 * A Brownian source that also gives the space-time Lévy area of any queried interval,
 *
 * <pre>    H_{s,t} = (1/h) ∫_s^t (W_u − W_s − ((u − s)/h) W_{s,t}) du,    h = t − s,</pre>
 *
 * <p>which is N(0, h/12), independent of {@code W_{s,t}} (Foster, Lyons &amp; Oberhauser 2020, "An
 * optimal polynomial approximation of Brownian motion"); the SRA/SRI schemes use it. Values are
 * consistent under refinement: H over [s, u] follows from the same path as H over [s, t] and [t, u].
 */
public interface SpaceTimeLevyAreaSource extends BrownianSource {
    /**
     * Writes {@code W_{s,t}} and {@code H_{s,t}}.
     *
     * @param w length m (modified)
     * @param h length m (modified)
     */
    void spaceTimeLevyArea(double s, double t, double[] w, double[] h);

    /**
     * The same over {@code count} consecutive intervals of {@code times}, as {@link #increments} does for
     * ΔW: step k's W at {@code w[k·m ..]}, its H at {@code h[k·m ..]}; identical to successive calls of
     * {@link #spaceTimeLevyArea(double, double, double[], double[])}.
     */
    void spaceTimeLevyAreas(double[] times, int from, int count, double[] w, double[] h);
}
