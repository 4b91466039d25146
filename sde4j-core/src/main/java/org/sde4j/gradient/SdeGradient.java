package org.sde4j.gradient;


import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.VirtualBrownianTree;

/** A way to compute the gradient of a loss on an SDE solve with respect to the parameters and initial state. */
public interface SdeGradient {
    /**
     * Solves {@code sde} from {@code x0} on {@code grid} along the Brownian path {@code brownian} and
     * differentiates {@code loss} of the saved states.
     *
     * @param theta parameters (not modified)
     * @param x0    initial state (not modified)
     * @throws IllegalArgumentException when lengths disagree or the source's dimension is not d
     * @throws IllegalStateException    when the solve produces a non-finite state, naming the step
     */
    SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid, BrownianSource brownian,
            PathLoss loss);

    /** Checks the common arguments. */
    static void check(ParametricSde sde, double[] theta, double[] x0, BrownianSource brownian) {
        if (theta.length != sde.parameterCount()) {
            throw new IllegalArgumentException("theta: length " + theta.length + ", the SDE has "
                    + sde.parameterCount() + " parameters");
        }
        if (x0.length != sde.stateDimension()) {
            throw new IllegalArgumentException("x0: length " + x0.length + ", the SDE has dimension "
                    + sde.stateDimension());
        }
        if (brownian.dimension() != sde.stateDimension()) {
            throw new IllegalArgumentException("brownian: dimension " + brownian.dimension()
                    + ", diagonal noise needs " + sde.stateDimension());
        }
    }

    /**
     * Checks the common arguments and that {@code brownian} resolves the grid's steps: a virtual Brownian tree
     * whose leaves are longer than the smallest step would interpolate W inside a leaf, and the solve would not
     * see Brownian increments.
     */
    static void check(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid, BrownianSource brownian) {
        check(sde, theta, x0, brownian);
        if (brownian instanceof VirtualBrownianTree tree) {
            double smallest = Double.POSITIVE_INFINITY;
            for (int n = 0; n < grid.steps(); n++) {
                smallest = Math.min(smallest, grid.time(n + 1) - grid.time(n));
            }
            if (tree.leafLength() > smallest * (1 + 1e-9)) {
                throw new IllegalArgumentException("brownian: a virtual Brownian tree with leaves of length "
                        + tree.leafLength() + " is coarser than the step " + smallest + "; its increments over a step"
                        + " would be interpolated, not Brownian: build it with tol ≤ " + smallest);
            }
        }
    }

    /** Throws when x has a non-finite entry. */
    static void checkFinite(double[] x, int step, double t) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("state became " + v + " at step " + step + " (t = " + t + ")");
            }
        }
    }
}
