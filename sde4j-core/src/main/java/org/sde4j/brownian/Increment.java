package org.sde4j.brownian;

/**
 * The noise a scheme consumes in one step: the step size {@code h}, the increment {@code ΔW} of the
 * driving noise over the step and, for schemes that declare they need them, the iterated Itô integrals
 * {@code I_jk = ∫ (W_j(u) − W_j(t)) dW_k(u)} of the step (from an {@link IteratedIntegralSource}) or its
 * space-time Lévy area H (from a {@link SpaceTimeLevyAreaSource}).
 * One instance is reused for every step of a solve (no allocation per step).
 */
public final class Increment {
    private final double[] dw;
    private final double[] integrals;
    private final double[] levyArea;
    private double h;

    /** @param noiseDimension m */
    public Increment(int noiseDimension) {
        this(noiseDimension, false);
    }

    /**
     * @param noiseDimension     m
     * @param iteratedIntegrals whether this increment carries the m × m iterated integrals
     */
    public Increment(int noiseDimension, boolean iteratedIntegrals) {
        this(noiseDimension, iteratedIntegrals, false);
    }

    /**
     * @param noiseDimension     m
     * @param iteratedIntegrals whether this increment carries the m × m iterated integrals
     * @param spaceTimeLevyArea whether it carries the space-time Lévy area H (length m)
     */
    public Increment(int noiseDimension, boolean iteratedIntegrals, boolean spaceTimeLevyArea) {
        this.dw = new double[noiseDimension];
        this.integrals = iteratedIntegrals ? new double[noiseDimension * noiseDimension] : null;
        this.levyArea = spaceTimeLevyArea ? new double[noiseDimension] : null;
    }

    /**
     * The space-time Lévy area H of the current step (N(0, h/12) per component, see
     * {@link SpaceTimeLevyAreaSource}); returned without copying.
     *
     * @throws IllegalStateException when this increment was created without it
     */
    public double[] spaceTimeLevyArea() {
        if (levyArea == null) {
            throw new IllegalStateException("this increment carries no space-time Lévy area: the scheme must declare"
                    + " needsSpaceTimeLevyArea() and be driven by a SpaceTimeLevyAreaSource");
        }
        return levyArea;
    }

    /**
     * Sets H from a buffer filled by {@link SpaceTimeLevyAreaSource#spaceTimeLevyAreas}.
     *
     * @param buffer m per step (not modified)
     * @param offset index of this step's first component
     */
    public void loadSpaceTimeLevyArea(double[] buffer, int offset) {
        System.arraycopy(buffer, offset, spaceTimeLevyArea(), 0, levyArea.length);
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
     * The iterated Itô integrals of the current step, {@code I_jk} at {@code j·m + k}; returned without
     * copying.
     *
     * @throws IllegalStateException when this increment was created without them
     */
    public double[] iteratedIntegrals() {
        if (integrals == null) {
            throw new IllegalStateException("this increment carries no iterated integrals: the scheme must declare"
                    + " needsIteratedIntegrals() and be driven by an IteratedIntegralSource");
        }
        return integrals;
    }

    /**
     * Fills this increment with {@code W(next) − W(t)} from {@code source}, for the step from {@code t} to
     * {@code next} (so {@code h = next − t}), and the iterated integrals when this increment carries them
     * (then {@code source} must be an {@link IteratedIntegralSource}) or the space-time Lévy area when it
     * carries that (then a {@link SpaceTimeLevyAreaSource}). Taking both ends, rather than
     * {@code t} and {@code h}, keeps consecutive steps exactly adjacent.
     *
     * @param source the Brownian motion (queried once)
     * @param t      start of the step
     * @param next   end of the step
     * @throws IllegalArgumentException when integrals are needed and the source cannot supply them
     */
    public void fill(BrownianSource source, double t, double next) {
        this.h = next - t;
        if (levyArea != null) {
            if (!(source instanceof SpaceTimeLevyAreaSource)) {
                throw new IllegalArgumentException("source = " + source.getClass().getSimpleName() + ": the space-time"
                        + " Lévy area is needed, which only a SpaceTimeLevyAreaSource supplies");
            }
            ((SpaceTimeLevyAreaSource) source).spaceTimeLevyArea(t, next, dw, levyArea);
        } else if (integrals == null) {
            source.increment(t, next, dw);
        } else if (source instanceof IteratedIntegralSource) {
            ((IteratedIntegralSource) source).iteratedIntegrals(t, next, dw, integrals);
        } else {
            throw new IllegalArgumentException("source = " + source.getClass().getSimpleName() + ": iterated integrals"
                    + " are needed, which only an IteratedIntegralSource supplies");
        }
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

    /**
     * Sets the iterated integrals from a buffer filled by {@link IteratedIntegralSource#iteratedIntegrals(double[],
     * int, int, double[], double[])}.
     *
     * @param buffer m² per step (not modified)
     * @param offset index of this step's first entry
     */
    public void loadIteratedIntegrals(double[] buffer, int offset) {
        System.arraycopy(buffer, offset, iteratedIntegrals(), 0, integrals.length);
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
