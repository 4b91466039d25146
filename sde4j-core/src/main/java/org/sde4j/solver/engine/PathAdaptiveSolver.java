package org.sde4j.solver.engine;

import java.util.Arrays;
import java.util.Locale;
import org.sde4j.brownian.OnDemandBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.ErrorEstimatingStepper;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.Stepper;

/**
 * Adaptive stepping of many paths in turn, each on its own Brownian path keyed by {@code (seed, path)}: the per-path
 * engine of an adaptive ensemble. One instance per thread; it allocates nothing per step or per path.
 *
 * <p><b>The Brownian path.</b> An {@link OnDemandBrownianPath} keyed by {@code (seed, path)}, with the saved times
 * {@code s_1 < … < s_K = t1} as its anchors: W at every saved time is drawn first, as a pure function of the key,
 * and every step end the controller asks for is drawn when it is first needed, from its exact law given the points
 * drawn before (forward, or as a Brownian bridge inside a rejected step). A step never crosses a saved time: the
 * saved times are hit exactly.
 *
 * <p><b>The step-size rule.</b> The error of an attempted step is measured as in {@link AdaptiveSolver}: with the
 * scheme's embedded estimate E (SRIW1 and any {@link ErrorEstimatingStepper}), the RMS of
 * {@code E_i / (atol + rtol · max(|x_i|, |x̂_i|))}; otherwise by step doubling on the two halves,
 * {@code RMS((x_i − x̂_i)/(atol + rtol · max(|x_i|, |x̂_i|))) / √(h / T)}. A step with error ≤ 1 is accepted (the
 * more accurate value kept) and the PI controller of {@link AdaptiveSolver} proposes the next size h′ (at most
 * dtMax); a rejected step gets at most half its size. The next step is h′, cut at the next saved time; when less
 * than 2h′ remains to it, the rest is taken in two equal steps rather than a full one and a sliver
 * ({@link #nextEnd}). A path whose step would fall below dtMin fails with a {@link StepFailedException} naming the
 * time, the path and the step size; so does a path that has tried {@link StepControl#maxSteps} steps without reaching
 * t1 (a tolerance far too strict for the scheme would otherwise run for hours).
 *
 * <p><b>Why the solution stays exactly distributed.</b> Every value of W the solver uses is drawn from its exact
 * law given all values drawn before; a rejected step's end stays on the path, and the next, shorter attempt is a
 * bridge inside it. The controller only chooses where to look at the path; it never changes what was drawn, so
 * the numerical solution is a function F(W) of a genuine Brownian motion W, and for a scheme of strong order 1 or
 * more X_T − F(W) is a discretisation error that falls with the tolerance, whatever the choices depend on.
 * Redrawing the increment of a rejected step instead — the naive scheme — keeps the small increments and throws away
 * the large ones: the accepted increments then have a variance below h and the law is biased (a test shows this on
 * GBM). Keeping the rejected future is rejection sampling with memory (RSwM; Rackauckas &amp; Nie 2017). That the
 * discretisation error falls with the tolerance holds for schemes of strong order 1 or more on the SDE's noise; for
 * lower orders a grid chosen from the path converges to a wrong limit (Gaines &amp; Lyons 1997), so they are
 * refused ({@link #requireStrongOrderOne}).
 *
 * <p>With drift error control (the constructor's {@code driftControl}) the step is chosen from the drift alone
 * before its noise is drawn, so the grid depends on the path's past only, and schemes of strong order ½ are allowed.
 *
 * <p>Otherwise schemes of strong order below 1 on the SDE's noise (Euler–Maruyama and SK-ROCK unless the noise is
 * additive) are refused; so are schemes with auxiliary state (multistep, reversible Heun), with a discrete driving
 * law (weak schemes), or that need iterated integrals of several noises.
 */
public final class PathAdaptiveSolver {
    /** Largest number of consecutive rejections before a path fails. */
    static final int MAX_REJECTIONS = 60;

    private final SdeProblem problem;
    private final StepControl control;
    private final double[] saveTimes;
    /** The saved times after t0: the Brownian path's anchors. */
    private final double[] anchors;
    private final Stepper stepper;
    private final ErrorEstimatingStepper embedded;
    /** Whether the step is chosen from the drift alone, before its noise is drawn ({@link #driftError}). */
    private final boolean driftControl;
    private final double[] f0;
    private final double[] f1;
    /** The drift at the current time and state is in f0 (it is kept across rejections). */
    private boolean driftKnown;
    private final double k;
    private final int d;
    private final int m;
    private final boolean levy;
    private final Increment noise;
    private final OnDemandBrownianPath brownian;
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
    /** The smallest step the controller may propose: dtMin, or 32 ulps of the times where that is more. */
    private final double stepFloor;
    private boolean redrawOnRejection;
    private int accepted;
    private int rejected;
    private double smallestStep;
    private double proposal;
    /** log₂ of the previous accepted error (at least 10⁻⁴), for the PI controller. */
    private double logPrevious;

    /**
     * @param saveTimes increasing times in {@code [t0, t1]} ending at t1 (not modified)
     * @param seed      the root seed: path p runs on the Brownian path keyed by (seed, p)
     * @param doubling  whether to use step doubling even when the scheme has an embedded estimate
     * @throws IllegalArgumentException naming an unsupported scheme or an invalid save time
     */
    public PathAdaptiveSolver(SdeProblem problem, Scheme scheme, StepControl control, double[] saveTimes, long seed,
            boolean doubling) {
        this(problem, scheme, control, saveTimes, seed, doubling, false);
    }

    /**
     * @param driftControl whether to choose each step from the drift's error alone, before the step's noise is drawn
     *                     (Lamba, Mattingly &amp; Stuart 2007): the grid is then adapted to the past of the path, and a
     *                     scheme of strong order ½ is allowed (see {@link #driftError})
     * @throws IllegalArgumentException as the other constructor, and for {@code doubling} with {@code driftControl}
     */
    public PathAdaptiveSolver(SdeProblem problem, Scheme scheme, StepControl control, double[] saveTimes, long seed,
            boolean doubling, boolean driftControl) {
        if (doubling && driftControl) {
            throw new IllegalArgumentException("stepDoubling and driftErrorControl: choose one error estimate");
        }
        this.driftControl = driftControl;
        this.problem = Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        this.control = Require.nonNull("control", control);
        this.saveTimes = checkSaveTimes(problem, saveTimes);
        this.anchors = anchors(problem, this.saveTimes);
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
        if (!driftControl) {
            requireStrongOrderOne(scheme, problem.sde());
        }
        if (scheme.needsIteratedIntegrals() && m >= 2) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " needs iterated integrals of " + m
                    + " noises, which the adaptive path does not supply; choose a scheme without them");
        }
        this.embedded = stepper instanceof ErrorEstimatingStepper && !doubling && !driftControl
                ? (ErrorEstimatingStepper) stepper : null;
        // The drift's error estimate, like an embedded one, is a local error of order h².
        this.k = embedded != null || driftControl ? 1.0 : Math.max(0.5, scheme.strongOrder(problem.sde().noise()));
        this.f0 = new double[d];
        this.f1 = new double[d];
        this.levy = scheme.needsSpaceTimeLevyArea();
        this.noise = new Increment(m, false, levy);
        this.brownian = OnDemandBrownianPath.of(m, levy, seed);
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
        this.stepFloor = stepFloor(problem, control);
    }

    /** dtMin, or 32 ulps of the largest time of the span where that is more (a step must be resolvable in time). */
    static double stepFloor(SdeProblem problem, StepControl control) {
        double largest = Math.max(Math.abs(problem.t0()), Math.abs(problem.t1()));
        return Math.max(control.dtMin(), 32 * Math.ulp(largest));
    }

    /** The saved times after t0 (a first saved time at t0 is no anchor). */
    /**
     * Refuses a scheme that is not of strong order 1 or more, on every step, on this SDE's noise. Steps chosen from
     * the Brownian path itself — rejected where its increments are large, refined there — make such a scheme converge
     * to the wrong solution: Euler–Maruyama's product of {@code 1 + σΔW_i} carries the Itô correction only through
     * {@code Σ ΔW_i² ≈ T}, and a grid refined where the increments are large has a smaller sum of squares (Gaines &amp;
     * Lyons 1997, "Variable step size control in the numerical solution of stochastic differential equations", SIAM
     * J. Appl. Math. 57(5)). Measured on GBM ({@code AdaptiveStrongOrderTest}): Euler–Maruyama's adaptive mean moves
     * away from the exact one as the tolerance falls; Milstein's, whose {@code ½ g g' (ΔW² − h)} restores the
     * correction step by step, does not. With additive noise there is no correction and Euler–Maruyama is of strong
     * order 1.
     *
     * @throws IllegalArgumentException naming the scheme, its order and the noise, and what to choose instead
     */
    static void requireStrongOrderOne(Scheme scheme, org.sde4j.sde.Sde sde) {
        strongOrderBelowOne(scheme, sde).ifPresent(reason -> {
            throw new IllegalArgumentException("scheme " + scheme.name() + " has " + reason + ": steps chosen from the"
                    + " Brownian path make such a scheme converge to the wrong solution (Gaines & Lyons 1997); adaptive"
                    + " stepping needs strong order 1 or more (milstein, sriw1, sosri, …; noise that does not depend"
                    + " on the state can be declared NoiseStructure.ADDITIVE), a step chosen from the drift alone"
                    + " (driftErrorControl), or fixed steps");
        });
    }

    /**
     * Why {@code scheme} may not step adaptively on {@code sde} by its strong order — for example "strong order 0.5
     * on scalar noise", or "… on some steps" for a switching scheme — or empty when its order on every step is at
     * least 1 ({@link #requireStrongOrderOne} says why that is needed). Callers that name their own options (the
     * command line) phrase the refusal from this.
     */
    public static java.util.Optional<String> strongOrderBelowOne(Scheme scheme, org.sde4j.sde.Sde sde) {
        double order = scheme.strongOrderOfEveryStep(sde.noise());
        if (order >= 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("strong order " + order + " on " + sde.noise().label() + " noise"
                + (order < scheme.strongOrder(sde.noise()) ? " on some steps" : ""));
    }

    static double[] anchors(SdeProblem problem, double[] saveTimes) {
        return saveTimes[0] == problem.t0() ? Arrays.copyOfRange(saveTimes, 1, saveTimes.length) : saveTimes;
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
        logPrevious = 0.0;
        brownian.reset(path, problem.t0(), anchors);
        driftKnown = false;
        Arrays.fill(ws, 0);
        Arrays.fill(ks, 0);
        double t = problem.t0();
        for (int s = 0; s < saveTimes.length; s++) {
            t = segment(path, t, saveTimes[s]);
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

    /**
     * The end of the next step from t towards the saved time b, for a proposal p (already at most dtMax): b when
     * {@code b − t ≤ p}; the midpoint of [t, b] when {@code b − t < 2p}, so no sliver of a step is left before b;
     * else {@code t + p}.
     */
    static double nextEnd(double t, double b, double p) {
        double remaining = b - t;
        if (remaining <= p) {
            return b;
        }
        return remaining < 2 * p ? t + 0.5 * remaining : t + p;
    }

    /** Steps from t to the saved time b (returned), or fails. */
    private double segment(long path, double t, double b) {
        int inARow = 0;
        while (t < b) {
            if (accepted + rejected >= control.maxSteps()) {
                throw tooMany(t, proposal, accepted, rejected, control, path);
            }
            double tn = nextEnd(t, b, Math.min(proposal, control.dtMax()));
            double error;
            if (driftControl) {
                error = driftError(t, tn);
                if (error <= 1.0) {
                    // Accepted on the drift alone: only now is the step's noise drawn, forward from t.
                    brownian.value(tn, wn, kn);
                    System.arraycopy(x, 0, half, 0, d);
                    load(t, tn, ws, ks, wn, kn);
                    stepper.step(t, half, noise);
                    if (!allFinite(half)) {
                        throw new SolveDivergedException(tn, accepted, path, half);
                    }
                    driftKnown = false;
                }
            } else if (embedded != null) {
                brownian.value(tn, wn, kn);
                System.arraycopy(x, 0, half, 0, d);
                load(t, tn, ws, ks, wn, kn);
                stepper.step(t, half, noise);
                embedded.lastError(estimate);
                error = embeddedError();
            } else {
                brownian.value(tn, wn, kn);
                double tm = t + 0.5 * (tn - t);
                brownian.value(tm, wm, km);
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
                t = tn;
                brownian.forgetBefore(t);
                System.arraycopy(wn, 0, ws, 0, m);
                System.arraycopy(kn, 0, ks, 0, m);
                accepted++;
                inARow = 0;
                smallestStep = Math.min(smallestStep, h);
                double logError = ControllerLogarithms.log2(atLeast(1e-10, error));
                proposal = atLeast(stepFloor, acceptedProposal(h, logError, logPrevious, k, control.dtMax()));
                logPrevious = Math.max(logError, LOG_ERROR_FLOOR);
            } else {
                rejected++;
                proposal = rejectedProposal(h, error, k);
                if (++inARow > MAX_REJECTIONS || proposal < stepFloor) {
                    throw tooSmall(t, proposal, inARow, error, control, path);
                }
                if (redrawOnRejection) {
                    brownian.forgetAfter(t);
                }
            }
        }
        return b;
    }

    /**
     * The drift's local error over {@code [t, tn]}, scaled: {@code RMS(E_i / (atol + rtol · max(|x_i|, |y_i|)))} with
     * {@code y = x + h f(t, x)} and {@code E = (h/2)(f(tn, y) − f(t, x))}, the difference of the Euler and Heun steps
     * of {@code x' = f(t, x)}. It depends on the state and h only, never on the step's noise, so a path's grid is
     * adapted to its past: the scheme of Lamba, Mattingly &amp; Stuart (2007, "An adaptive Euler–Maruyama scheme for
     * SDEs: convergence and stability", IMA J. Numer. Anal. 27), with which Euler–Maruyama converges to the right
     * solution, unlike a grid chosen from the noise (Gaines &amp; Lyons 1997). It controls the drift's error alone:
     * the noise's is the scheme's at that step size.
     */
    private double driftError(double t, double tn) {
        double h = tn - t;
        if (!driftKnown) {
            problem.sde().drift(t, x, f0);
            driftKnown = true;
        }
        for (int i = 0; i < d; i++) {
            big[i] = x[i] + h * f0[i];
        }
        problem.sde().drift(tn, big, f1);
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double e = 0.5 * h * (f1[i] - f0[i])
                    / (control.atol() + control.rtol() * Math.max(Math.abs(x[i]), Math.abs(big[i])));
            sum += e * e;
        }
        return Math.sqrt(sum / d);
    }

    private static boolean allFinite(double[] v) {
        for (double value : v) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The floor of the previous error the PI controller divides by: log₂ 10⁻⁴. */
    static final double LOG_ERROR_FLOOR = Math.log(1e-4) / Math.log(2);

    /**
     * The next step after an accepted one: {@link AdaptiveSolver}'s PI controller, {@code h · 0.9 e^{−0.7/k} ·
     * e_prev^{0.4/k}}, within [h/5, 5h], at most dtMax; from the base-2 logarithms of the error (floored at 10⁻¹⁰ by
     * the caller) and of the previous accepted error (floored at 10⁻⁴), by {@link ControllerLogarithms}.
     */
    static double acceptedProposal(double h, double logError, double logPrevious, double k, double dtMax) {
        double factor = 0.9 * ControllerLogarithms.exp2((0.4 * logPrevious - 0.7 * logError) / k);
        return atMost(dtMax, h * atMost(5.0, atLeast(0.2, factor)));
    }

    /**
     * {@code max(floor, x)} for the controller's finite values, by a comparison: {@code Math.max} also orders NaN
     * and the signed zeros, which on x86 costs a blend sequence on the controller's chain of dependent operations;
     * a compare and branch the processor predicts does not wait.
     */
    static double atLeast(double floor, double x) {
        return x > floor ? x : floor;
    }

    /** {@code min(ceiling, x)} for the controller's finite values, by a comparison (see {@link #atLeast}). */
    static double atMost(double ceiling, double x) {
        return x < ceiling ? x : ceiling;
    }

    /** The next step after a rejected one: at most half, at least a fifth of it. */
    static double rejectedProposal(double h, double error, double k) {
        return h * Math.max(0.2, Math.min(0.5, 0.9 * Math.pow(error, -1.0 / k)));
    }

    /** The failure of a path whose step would fall below dtMin (or that was rejected too often in a row). */
    static StepFailedException tooSmall(double t, double h, int inARow, double error, StepControl control, long path) {
        return StepFailedException.at(t, String.format(Locale.ROOT, "the step size would fall below the smallest"
                + " allowed (next step %s, dtMin = %s), after %d rejections in a row (error %.3g × tolerance; atol = %s,"
                + " rtol = %s too strict for this path?)", h, control.dtMin(), inARow, error, control.atol(),
                control.rtol()))
                .onPath(path);
    }

    /** The failure of a path that has tried {@code maxSteps} steps and not reached t1. */
    static StepFailedException tooMany(double t, double proposal, int accepted, int rejected, StepControl control,
            long path) {
        return StepFailedException.at(t, String.format(Locale.ROOT, "the path took %d steps (%d accepted, %d"
                + " rejected), the most allowed (maxSteps), before reaching t1: at t = %s the tolerances atol = %s,"
                + " rtol = %s ask for steps of about %.3g; loosen them, or raise maxSteps (--max-steps)",
                accepted + rejected, accepted, rejected, t, control.atol(), control.rtol(), proposal)).onPath(path);
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
