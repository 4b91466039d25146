package org.sde4j.solver.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.ErrorEstimatingStepper;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.Stepper;

/**
 * Adaptive step-size control for any one-step scheme, by step doubling, with a PI controller, on a
 * Brownian path that can be queried anywhere.
 *
 * <p>Each attempted step of size h from t is taken twice on the <em>same</em> Brownian path: once as one
 * step, once as two steps of h/2 (the path is queried on [t, t + h/2] and [t + h/2, t + h]). Their
 * difference estimates the local error; it is measured per unit of step in the mean-square sense,
 *
 * <pre>    err = sqrt( (1/d) Σ_i ((x_i − x̂_i) / (atol + rtol · max(|x_i|, |x̂_i|)))² ) / sqrt(h / T)</pre>
 *
 * <p>so that, as the local errors of a strong scheme add up like independent terms (their squares sum),
 * steps with {@code err ≤ 1} keep the error at the end time T near the tolerance. The step is accepted
 * when {@code err ≤ 1}, and the two-half-step result is kept. The next step is
 * {@code h · min(5, max(0.2, 0.9 · err^(−0.7/k) · errPrev^(0.4/k)))} with {@code k = p}, p the scheme's
 * strong order (a PI controller, Gustafsson 1991: the local error O(h^{p+½}) divided by √h), capped by
 * {@code dtMax} and by the remaining span.
 *
 * <p>A rejected step is retried with a smaller h on the same path. Because the source (a
 * {@link org.sde4j.brownian.VirtualBrownianTree} or {@link org.sde4j.brownian.RefinableGridPath}) answers
 * every query from one Brownian path, rejections never redraw noise and the solution stays exactly
 * distributed — the purpose of rejection sampling with memory (Rackauckas &amp; Nie 2017), obtained here
 * from a queryable path. A step below {@code dtMin} or more than {@value #MAX_REJECTIONS} consecutive
 * rejections is a {@link StepFailedException} naming the time, not a silent acceptance.
 *
 * <p>Schemes whose tableau carries an embedded error estimate (SRIW1; {@link ErrorEstimatingStepper}) take
 * each attempt once and use that estimate instead, scaled by {@code atol + rtol · max(|x|, |x̂|)} in the
 * RMS norm (Rackauckas &amp; Nie 2017); {@link #withStepDoubling()} forces doubling for comparison.
 *
 * <p>Schemes with auxiliary state (multistep, reversible Heun) are not supported: a step must be
 * restartable from the state alone.
 */
public final class AdaptiveSolver {
    static final int MAX_REJECTIONS = 100;

    private final SdeProblem problem;
    private final Scheme scheme;
    private final double atol;
    private final double rtol;
    private final double dtMin;
    private final double dtMax;
    private final double dtInitial;
    private boolean doubling;

    private AdaptiveSolver(SdeProblem problem, Scheme scheme, double atol, double rtol, double dtMin, double dtMax,
            double dtInitial) {
        this.problem = problem;
        this.scheme = scheme;
        this.atol = atol;
        this.rtol = rtol;
        this.dtMin = dtMin;
        this.dtMax = dtMax;
        this.dtInitial = dtInitial;
    }

    /**
     * @param atol      absolute tolerance, ≥ 0
     * @param rtol      relative tolerance, ≥ 0 (not both 0)
     * @param dtMin     smallest step allowed, > 0
     * @param dtMax     largest step allowed, ≥ dtMin
     * @param dtInitial first step tried, in [dtMin, dtMax]
     * @throws IllegalArgumentException naming an invalid setting, or a scheme with auxiliary state
     */
    public static AdaptiveSolver of(SdeProblem problem, Scheme scheme, double atol, double rtol, double dtMin,
            double dtMax, double dtInitial) {
        Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        if (!(atol >= 0) || !(rtol >= 0) || atol + rtol == 0 || !Double.isFinite(atol + rtol)) {
            throw new IllegalArgumentException("atol = " + atol + ", rtol = " + rtol
                    + ": must be finite and ≥ 0, and not both 0");
        }
        Require.positive("dtMin", dtMin);
        Require.positive("dtMax", dtMax);
        Require.positive("dtInitial", dtInitial);
        if (dtMax < dtMin || dtInitial < dtMin || dtInitial > dtMax) {
            throw new IllegalArgumentException("dtInitial = " + dtInitial + ": must lie in [dtMin, dtMax] = [" + dtMin
                    + ", " + dtMax + "]");
        }
        PathAdaptiveSolver.requireStrongOrderOne(scheme, problem.sde());
        if (scheme.newStepper(problem.sde()).auxiliaryDimension() > 0) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " keeps state between steps; adaptive"
                    + " stepping needs a one-step scheme");
        }
        NoiseSources.requireSupported(problem, scheme);
        return new AdaptiveSolver(problem, scheme, atol, rtol, dtMin, dtMax, dtInitial);
    }

    /** What an adaptive solve returns: the accepted times and states, and the step counts. */
    public record Result(double[] times, double[][] states, int accepted, int rejected) {
        /** The state at the end time. */
        public double[] finalState() {
            return states[states.length - 1].clone();
        }
    }

    /**
     * Solves one path.
     *
     * @param brownian a source of the problem's W answering any interval of the span, consistently (not a streaming
     *                 one); for correlated noise, {@link NoiseSources#honouring} applies the law to an independent tree
     * @throws StepFailedException     when the step falls below dtMin or too many steps are rejected
     * @throws SolveDivergedException  when the state stops being finite
     */
    public Result solve(BrownianSource brownian) {
        Require.nonNull("brownian", brownian);
        Stepper stepper = scheme.newStepper(problem.sde());
        ErrorEstimatingStepper embedded = stepper instanceof ErrorEstimatingStepper && !doubling
                ? (ErrorEstimatingStepper) stepper : null;
        int d = problem.dimension();
        int m = problem.sde().noiseDimension();
        Increment noise = new Increment(m, scheme.needsIteratedIntegrals() && m >= 2, scheme.needsSpaceTimeLevyArea());
        double[] x = problem.x0();
        double[] big = new double[d];
        double[] half = new double[d];
        List<double[]> states = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        double t = problem.t0();
        double t1 = problem.t1();
        states.add(x.clone());
        times.add(t);
        double h = dtInitial;
        double previousError = 1.0;
        // The doubling error per unit step scales like h^p; the embedded estimate (E₁, E₂ above) like h.
        double k = embedded != null ? 1.0 : Math.max(0.5, scheme.strongOrder(problem.sde().noise()));
        int accepted = 0;
        int rejected = 0;
        int rejectionsInARow = 0;
        while (t < t1) {
            // Take the rest of the span when it is (nearly) reached, so no sliver of a step remains.
            boolean last = h >= (t1 - t) * 0.99;
            double tEnd = last ? t1 : t + h;
            double tMid = t + 0.5 * (tEnd - t);
            double error;
            if (embedded != null) {
                // One step; its embedded estimate, scaled like the step-doubling difference.
                System.arraycopy(x, 0, half, 0, d);
                noise.fill(brownian, t, tEnd);
                stepper.step(t, half, noise);
                embedded.lastError(big);
                error = embeddedError(big, x, half);
            } else {
                System.arraycopy(x, 0, big, 0, d);
                noise.fill(brownian, t, tEnd);
                stepper.step(t, big, noise);
                System.arraycopy(x, 0, half, 0, d);
                noise.fill(brownian, t, tMid);
                stepper.step(t, half, noise);
                noise.fill(brownian, tMid, tEnd);
                stepper.step(tMid, half, noise);
                error = scaledError(big, half) / Math.sqrt((tEnd - t) / (t1 - problem.t0()));
            }
            if (Double.isNaN(error)) {
                throw new SolveDivergedException(tEnd, accepted, -1, half);
            }
            if (error <= 1.0) {
                System.arraycopy(half, 0, x, 0, d);
                t = tEnd;
                states.add(x.clone());
                times.add(t);
                accepted++;
                rejectionsInARow = 0;
                double factor = 0.9 * Math.pow(Math.max(error, 1e-10), -0.7 / k) * Math.pow(previousError, 0.4 / k);
                h = Math.min(dtMax, h * Math.min(5.0, Math.max(0.2, factor)));
                previousError = Math.max(error, 1e-4);
            } else {
                rejected++;
                if (++rejectionsInARow > MAX_REJECTIONS) {
                    throw StepFailedException.at(t, MAX_REJECTIONS + " consecutive rejected steps (last h = " + h
                            + ", error " + String.format(Locale.ROOT, "%.3g", error) + " × tolerance)");
                }
                h *= Math.max(0.2, 0.9 * Math.pow(error, -1.0 / k));
            }
            if (t < t1 && h < dtMin) {
                throw StepFailedException.at(t, "the step size fell to " + h + ", below dtMin = " + dtMin
                        + " (tolerances atol = " + atol + ", rtol = " + rtol + " too strict for this path?)");
            }
        }
        double[][] saved = states.toArray(new double[0][]);
        return new Result(times.stream().mapToDouble(Double::doubleValue).toArray(), saved, accepted, rejected);
    }

    /** RMS over components of {@code E_k / (atol + rtol · max(|x_k|, |x̂_k|))}. */
    private double embeddedError(double[] estimate, double[] before, double[] after) {
        double sum = 0;
        for (int i = 0; i < estimate.length; i++) {
            double e = estimate[i] / (atol + rtol * Math.max(Math.abs(before[i]), Math.abs(after[i])));
            sum += e * e;
        }
        return Math.sqrt(sum / estimate.length);
    }

    /**
     * This solver using step doubling even when the scheme has an embedded estimate (to compare the two).
     */
    public AdaptiveSolver withStepDoubling() {
        AdaptiveSolver copy = new AdaptiveSolver(problem, scheme, atol, rtol, dtMin, dtMax, dtInitial);
        copy.doubling = true;
        return copy;
    }

    private double scaledError(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double scale = atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
            double e = (a[i] - b[i]) / scale;
            sum += e * e;
        }
        return Math.sqrt(sum / a.length);
    }
}
