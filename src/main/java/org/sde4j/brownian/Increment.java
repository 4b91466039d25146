package org.sde4j.brownian;

/**
 * The noise a scheme consumes in one step: the step size {@code h} and the increment {@code ΔW} of the
 * driving noise over the step. One instance is reused for every step of a solve (no allocation per
 * step). Schemes that need more than {@code ΔW} (iterated integrals, space-time Lévy area) will find
 * those here too when their sources exist.
 */
public final class Increment {
    private final double[] dw;
    private double h;

    /** @param noiseDimension m */
    public Increment(int noiseDimension) {
        this.dw = new double[noiseDimension];
    }

    /** The step size of the current step. */
    public double h() {
        return h;
    }

    /**
     * The increment {@code ΔW} of the current step, length m. Returned without copying: schemes read it,
     * the solver that owns this increment writes it.
     */
    public double[] dw() {
        return dw;
    }

    /**
     * Fills this increment with {@code W(t + h) − W(t)} from {@code source}.
     *
     * @param source the Brownian motion (queried once)
     * @param t      start of the step
     * @param step   the step size h
     */
    public void fill(BrownianSource source, double t, double step) {
        this.h = step;
        source.increment(t, t + step, dw);
    }

    /** Sets the increment directly: for tests and for callers with their own noise. */
    public void set(double step, double... values) {
        if (values.length != dw.length) {
            throw new IllegalArgumentException("values has length " + values.length + ": must have length "
                    + dw.length + " (the noise dimension)");
        }
        this.h = step;
        System.arraycopy(values, 0, dw, 0, dw.length);
    }
}
