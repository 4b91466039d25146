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
     * Fills this increment with {@code W(next) − W(t)} from {@code source}, for the step from {@code t} to
     * {@code next} (so {@code h = next − t}). Taking both ends, rather than {@code t} and {@code h}, keeps
     * consecutive steps exactly adjacent: {@code t + (next − t)} need not round to {@code next}.
     *
     * @param source the Brownian motion (queried once)
     * @param t      start of the step
     * @param next   end of the step
     */
    public void fill(BrownianSource source, double t, double next) {
        this.h = next - t;
        source.increment(t, next, dw);
    }

    /**
     * Sets the step size alone, for a solver that then {@link #load loads} the noise of several paths in
     * turn for the same step.
     */
    public void setStepSize(double step) {
        this.h = step;
    }

    /**
     * Sets {@code ΔW} from a buffer of increments filled by {@link BrownianSource#increments}.
     *
     * @param buffer increments, m per step (not modified)
     * @param offset index of this step's first component
     */
    public void load(double[] buffer, int offset) {
        double[] w = dw;
        if (w.length == 1) {
            w[0] = buffer[offset];
        } else {
            System.arraycopy(buffer, offset, w, 0, w.length);
        }
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
