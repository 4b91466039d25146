package org.sde4j.solver.engine;

import java.util.Arrays;
import java.util.Locale;
import org.sde4j.brownian.DyadicBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.ErrorEstimatingStepper;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.Stepper;

/**
 * Adaptive stepping of many paths in turn, each on its own Brownian path keyed by {@code (seed, path)}, with step
 * ends on a dyadic lattice of that path: the engine of an adaptive ensemble. One instance per thread; it
 * allocates nothing per step or per path.
 *
 * <p><b>Segments and saved times.</b> The span is cut at the saved times {@code s_1 < … < s_K = t1}. Segment k,
 * {@code [s_{k−1}, s_k]} of length L, has its own {@link DyadicBrownianPath} keyed by {@code (seed, path, k)}; every
 * step starts and ends at lattice points {@code s_{k−1} + n L 2^-D} of that path (D = ⌈log₂(L/dtMin)⌉, at most the
 * time precision allows), so every saved time is a step end, hit exactly.
 *
 * <p><b>The step-size rule.</b> The error of an attempted step is measured as in {@link AdaptiveSolver}: with the
 * scheme's embedded estimate E (SRIW1 and any {@link ErrorEstimatingStepper}), the RMS of
 * {@code E_i / (atol + rtol · max(|x_i|, |x̂_i|))}; otherwise by step doubling on the two halves (the midpoint is a
 * lattice point too), {@code RMS((x_i − x̂_i)/(atol + rtol · max(|x_i|, |x̂_i|))) / √(h / T)}. A step with error ≤ 1
 * is accepted (the more accurate value kept) and the PI controller of {@link AdaptiveSolver} proposes the next size
 * h′; a rejected step gets at most half its size. The next step ends at the coarsest lattice point (the one with the
 * fewest binary digits) between {@code t + h′/2} and {@code t + h′} (capped by dtMax and the segment end): the step
 * follows the controller within a factor 2, and its end lies on a coarse level of the tree, where a query costs
 * few bisections (dyadic step control after Gaines &amp; Lyons 1997, without their alignment constraint, which held
 * the step small for long after each rejection). A path that needs a step below the lattice spacing fails with a
 * {@link StepFailedException} naming the time, the path and the step size.
 *
 * <p><b>Why the solution stays exactly distributed.</b> Every value of W the solver uses is the value at a dyadic
 * point of one Brownian path fixed by the key before the solve starts, and those values are exactly distributed
 * (the bridge refinements are drawn from the exact conditional law, and no value is ever interpolated). The
 * controller only chooses at which points of that path to look; it never changes the path. So the numerical
 * solution is a function F(W) of a genuine Brownian motion W, and its error X_T − F(W) is a discretisation error
 * that falls with the tolerance, whatever the choices depend on. Redrawing the increment of a rejected step
 * instead — the naive scheme — keeps the small increments and throws away the large ones: the accepted
 * increments then have a variance below h and the solution's law is biased (a test shows this on GBM). This is
 * the property rejection sampling with memory (RSwM; Rackauckas &amp; Nie 2017) restores by storing the rejected
 * future; a path that can be queried anywhere, like this one, makes the memory implicit.
 *
 * <p>Schemes with auxiliary state (multistep, reversible Heun), with a discrete driving law (weak schemes), or that
 * need iterated integrals of several noises are refused.
 */
public final class DyadicAdaptiveSolver {
    /** Largest number of consecutive rejections before a path fails. */
    static final int MAX_REJECTIONS = 60;

    private final SdeProblem problem;
    private final StepControl control;
    private final double[] saveTimes;
    private final long seed;
    private final Stepper stepper;
    private final ErrorEstimatingStepper embedded;
    private final double k;
    private final int d;
    private final int m;
    private final boolean levy;
    private final Increment noise;
    private final DyadicBrownianPath[] trees = new DyadicBrownianPath[51];
    private final double[] x;
    private final double[] big;
    private final double[] half;
    private final double[] estimate;
    private final double[] ws;
    private final double[] ks;
    private final double[] wn;
    private final double[] kn;
    private final double[] wm;
    private final double[] km;
    private final double[] dw;
    private final double[] area;
    private final double span;
    private boolean redrawOnRejection;
    private int accepted;
    private int rejected;
    private double smallestStep;
    private double proposal;
    private double previousError;

    /**
     * @param saveTimes increasing times in {@code [t0, t1]} ending at t1 (not modified)
     * @param seed      the root seed: path p runs on the Brownian path keyed by (seed, p)
     * @param doubling  whether to use step doubling even when the scheme has an embedded estimate
     * @throws IllegalArgumentException naming an unsupported scheme or an invalid save time
     */
    public DyadicAdaptiveSolver(SdeProblem problem, Scheme scheme, StepControl control, double[] saveTimes, long seed,
            boolean doubling) {
        this.problem = Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        this.control = Require.nonNull("control", control);
        this.saveTimes = checkSaveTimes(problem, saveTimes);
        this.seed = seed;
        this.d = problem.dimension();
        this.m = problem.sde().noiseDimension();
        this.stepper = scheme.newStepper(problem.sde());
        if (stepper.auxiliaryDimension() > 0) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " keeps state between steps; adaptive"
                    + " stepping needs a one-step scheme");
        }
        if (scheme.drivingNoise() != null) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " is driven by a discrete law ("
                    + scheme.drivingNoise() + "); adaptive stepping needs Brownian increments: choose a strong scheme");
        }
        if (scheme.needsIteratedIntegrals() && m >= 2) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " needs iterated integrals of " + m
                    + " noises, which the adaptive path does not supply; choose a scheme without them");
        }
        this.embedded = stepper instanceof ErrorEstimatingStepper && !doubling ? (ErrorEstimatingStepper) stepper : null;
        this.k = embedded != null ? 1.0 : Math.max(0.5, scheme.strongOrder(problem.sde().noise()));
        this.levy = scheme.needsSpaceTimeLevyArea();
        this.noise = new Increment(m, false, levy);
        this.x = new double[d];
        this.big = new double[d];
        this.half = new double[d];
        this.estimate = new double[d];
        this.ws = new double[m];
        this.ks = new double[m];
        this.wn = new double[m];
        this.kn = new double[m];
        this.wm = new double[m];
        this.km = new double[m];
        this.dw = new double[m];
        this.area = new double[m];
        this.span = problem.t1() - problem.t0();
    }

    private static double[] checkSaveTimes(SdeProblem problem, double[] times) {
        Require.nonNull("saveTimes", times);
        if (times.length == 0 || times[times.length - 1] != problem.t1()) {
            throw new IllegalArgumentException("saveTimes = " + Arrays.toString(times) + ": must end at t1 = "
                    + problem.t1());
        }
        for (int i = 0; i < times.length; i++) {
            double lower = i == 0 ? problem.t0() : times[i - 1];
            if (!(times[i] >= lower) || (i > 0 && times[i] == lower)) {
                throw new IllegalArgumentException("saveTimes = " + Arrays.toString(times) + ": must increase strictly"
                        + " within [t0, t1] = [" + problem.t0() + ", " + problem.t1() + "]");
            }
        }
        return times.clone();
    }

    /** Test hook: redraw the noise of a rejected step (the naive scheme that biases the law). */
    void redrawOnRejection(boolean value) {
        this.redrawOnRejection = value;
    }

    /**
     * Solves path {@code path}, writing its state at save time k into {@code saved[k]}.
     *
     * @param saved one row of length d per save time (modified)
     * @throws StepFailedException    when a step falls below dtMin or too many are rejected in a row (with the time,
     *                                path and step size)
     * @throws SolveDivergedException when the state stops being finite (with the path)
     */
    public void solve(long path, double[][] saved) {
        problem.copyInitialState(x);
        accepted = 0;
        rejected = 0;
        smallestStep = Double.POSITIVE_INFINITY;
        proposal = control.dtInitial();
        previousError = 1.0;
        double a = problem.t0();
        for (int s = 0; s < saveTimes.length; s++) {
            double b = saveTimes[s];
            if (b > a) {
                segment(path, s, a, b);
                a = b;
            }
            System.arraycopy(x, 0, saved[s], 0, d);
        }
    }

    /** Accepted steps of the last path. */
    public int accepted() {
        return accepted;
    }

    /** Rejected steps of the last path. */
    public int rejected() {
        return rejected;
    }

    /** The smallest accepted step of the last path. */
    public double smallestStep() {
        return smallestStep;
    }

    private DyadicBrownianPath tree(int depth) {
        if (trees[depth] == null) {
            trees[depth] = DyadicBrownianPath.of(m, levy, depth, seed);
        }
        return trees[depth];
    }

    /** The finest level of a segment of length L from a: log₂(L/dtMin) rounded up, capped by the time precision. */
    static int depthFor(double a, double length, double dtMin) {
        int wanted = (int) Math.ceil(Math.log(length / dtMin) / Math.log(2) - 1e-9);
        double precision = 32 * Math.ulp(Math.abs(a) + length);
        int possible = (int) Math.floor(Math.log(length / precision) / Math.log(2));
        int depth = Math.min(Math.min(wanted, possible), 50);
        return Math.max(depth, 2);
    }

    private void segment(long path, int s, double a, double b) {
        double length = b - a;
        int depth = depthFor(a, length, control.dtMin());
        DyadicBrownianPath tree = tree(depth);
        tree.reset(path, s, a, length);
        long end = tree.end();
        // Step doubling needs the midpoint on the lattice: its steps span an even number of units.
        int grain = embedded != null ? 0 : 1;
        long pos = 0;
        Arrays.fill(ws, 0);
        Arrays.fill(ks, 0);
        int redraws = 0;
        int inARow = 0;
        double t = a;
        while (pos < end) {
            long next = nextPoint(pos, end, length, depth, grain, Math.min(proposal, control.dtMax()));
            double tn = tree.valueAndTime(next, wn, kn);
            double error;
            if (embedded != null) {
                System.arraycopy(x, 0, half, 0, d);
                load(t, tn, ws, ks, wn, kn);
                stepper.step(t, half, noise);
                embedded.lastError(estimate);
                error = embeddedError();
            } else {
                long mid = pos + (next - pos) / 2;
                double tm = tree.valueAndTime(mid, wm, km);
                System.arraycopy(x, 0, big, 0, d);
                load(t, tn, ws, ks, wn, kn);
                stepper.step(t, big, noise);
                System.arraycopy(x, 0, half, 0, d);
                load(t, tm, ws, ks, wm, km);
                stepper.step(t, half, noise);
                load(tm, tn, wm, km, wn, kn);
                stepper.step(tm, half, noise);
                error = doublingError() / Math.sqrt((tn - t) / span);
            }
            double h = tn - t;
            if (!Double.isFinite(error)) {
                throw new SolveDivergedException(tn, accepted, path, half);
            }
            if (error <= 1.0) {
                System.arraycopy(half, 0, x, 0, d);
                pos = next;
                t = tn;
                System.arraycopy(wn, 0, ws, 0, m);
                System.arraycopy(kn, 0, ks, 0, m);
                accepted++;
                inARow = 0;
                smallestStep = Math.min(smallestStep, h);
                proposal = acceptedProposal(h, error, previousError, k, control.dtMax());
                previousError = Math.max(error, 1e-4);
            } else {
                rejected++;
                proposal = rejectedProposal(h, error, k);
                if (++inARow > MAX_REJECTIONS || next - pos <= (1L << grain)) {
                    throw tooSmall(t, h, inARow, error, control, path);
                }
                if (redrawOnRejection) {
                    tree.reset(path, s + (++redraws << 16), a, length);
                    tree.value(pos, ws, ks);
                }
            }
        }
    }

    /**
     * The end of the next step: the segment end when the proposal p (already capped by dtMax) reaches it, else the
     * coarsest lattice point (the most trailing zero bits, a multiple of {@code 2^grain}) in {@code [pos + p/2, pos +
     * p]}, p in lattice units — so the step is between half the proposal and the proposal, and its end is a point the
     * tree reaches in few levels. At least one grain. The coarsest point of {@code [lo, hi]} keeps the bits of hi above
     * the highest bit where hi and lo − 1 differ.
     */
    static long nextPoint(long pos, long end, double length, int depth, int grain, double proposal) {
        double units = Math.scalb(proposal / length, depth);
        if (units >= end - pos) {
            return end;
        }
        long step = 1L << grain;
        long hi = Math.max(pos + step, pos + (long) Math.floor(units));
        long lo = Math.max(pos + step, pos + (long) Math.ceil(0.5 * units));
        int bit = Math.min(62, 63 - Long.numberOfLeadingZeros(hi ^ (lo - 1)));
        if (bit > grain) {
            return (hi >> bit) << bit;
        }
        long candidate = (hi >> grain) << grain;
        return candidate >= lo ? candidate : candidate + step;
    }

    /**
     * The next step after an accepted one: {@link AdaptiveSolver}'s PI controller (gains 0.7/k and 0.4/k), within
     * [h/5, 5h], at most dtMax.
     */
    static double acceptedProposal(double h, double error, double previousError, double k, double dtMax) {
        double factor = 0.9 * Math.pow(Math.max(error, 1e-10), -0.7 / k) * Math.pow(previousError, 0.4 / k);
        return Math.min(dtMax, h * Math.min(5.0, Math.max(0.2, factor)));
    }

    /** The next step after a rejected one: at most half, at least a fifth of it. */
    static double rejectedProposal(double h, double error, double k) {
        return h * Math.max(0.2, Math.min(0.5, 0.9 * Math.pow(error, -1.0 / k)));
    }

    /** The failure of a path whose step would fall below the lattice (or that was rejected too often in a row). */
    static StepFailedException tooSmall(double t, double h, int inARow, double error, StepControl control, long path) {
        return StepFailedException.at(t, String.format(Locale.ROOT, "the step size would fall below %s, the smallest"
                + " dtMin = %s allows, after %d rejections in a row (error %.3g × tolerance; atol = %s, rtol = %s too"
                + " strict for this path?)", h, control.dtMin(), inARow, error, control.atol(), control.rtol()))
                .onPath(path);
    }

    /** Fills the noise of the step {@code [t, tn]} from W and K at its ends (relative to the segment start). */
    private void load(double t, double tn, double[] w0, double[] k0, double[] w1, double[] k1) {
        double h = tn - t;
        for (int j = 0; j < m; j++) {
            dw[j] = w1[j] - w0[j];
        }
        noise.set(h, dw);
        if (levy) {
            for (int j = 0; j < m; j++) {
                area[j] = (k1[j] - k0[j] - h * w0[j]) / h - 0.5 * dw[j];
            }
            noise.loadSpaceTimeLevyArea(area, 0);
        }
    }

    private double embeddedError() {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double e = estimate[i] / (control.atol() + control.rtol() * Math.max(Math.abs(x[i]), Math.abs(half[i])));
            sum += e * e;
        }
        return Math.sqrt(sum / d);
    }

    private double doublingError() {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double scale = control.atol() + control.rtol() * Math.max(Math.abs(big[i]), Math.abs(half[i]));
            double e = (big[i] - half[i]) / scale;
            sum += e * e;
        }
        return Math.sqrt(sum / d);
    }
}
