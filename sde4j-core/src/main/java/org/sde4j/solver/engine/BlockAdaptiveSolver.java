package org.sde4j.solver.engine;

import java.util.Arrays;
import org.sde4j.brownian.LaneBrownianPaths;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.scheme.RungeKuttaScheme;

/**
 * Adaptive stepping of a block of paths at once, one path per lane, each lane with its own time, step, error
 * estimate and Brownian path: the block-adaptive engine of an adaptive ensemble. It runs the algorithm of
 * {@link PathAdaptiveSolver} — the same Brownian path keyed by {@code (seed, path)} and drawn on demand
 ({@link org.sde4j.brownian.OnDemandBrownianPath}), the same controller, the same rejections that never redraw
 * noise, the same saved times hit exactly — and gives each path the same bits, but works on all active lanes at
 * once, in structure-of-arrays layout: the scheme's stages ({@link LaneTableauStepper}), the Brownian bridges
 * ({@link LaneBrownianPaths}) and the controller's arithmetic. One round:
 *
 * <ol>
 *   <li>per active lane: the end of its next step and its Brownian value (and the midpoint's, for step doubling),
 *       gathered into dense lane arrays;</li>
 *   <li>the step (and the embedded estimate, or the two half steps) over the active lanes, at once;</li>
 *   <li>per lane: the error, accept or reject, the controller; a lane that reaches a saved time saves its state; a
 *       lane whose path ends (or fails) leaves the active set.</li>
 * </ol>
 *
 * <p>Lanes never wait for each other: a round moves every active lane by one attempt, whatever its time; the work of
 * a round is proportional to the number of active lanes. For tableau schemes without a fused per-path step (SRIW1,
 * SOSRI, SRA1, SOSRA, Heun, RK4, …; {@link #supports}) on one noise channel or diagonal noise; the others run on
 * {@link PathAdaptiveSolver}. One instance per thread; it allocates nothing per step.
 */
public final class BlockAdaptiveSolver {
    private final SdeProblem problem;
    private final StepControl control;
    private final double[] saveTimes;
    private final long seed;
    private final int lanes;
    private final int d;
    private final int m;
    private final boolean levy;
    private final boolean embedded;
    private final double k;
    private final double span;
    private final LaneTableauStepper stepper;
    // Per lane (index l), fixed for the path.
    private final long[] path;
    private final int[] segment;
    /** The lanes' Brownian paths, lane l on the path keyed by (seed, path[l]). */
    private final LaneBrownianPaths brownian;
    private final double[] t;
    private final double[] proposal;
    private final double[] logPrevious;
    private final int[] inARow;
    private final int[] accepted;
    private final int[] rejected;
    private final double[] smallest;
    private final RuntimeException[] failure;
    /** Lane states {@code x[i · lanes + l]}, and W, K at the lane's time {@code [j · lanes + l]}. */
    private final double[] x;
    private final double[] ws;
    private final double[] ks;
    // Dense arrays of the active lanes (index q), for the stepper.
    private final int[] active;
    private final double[] tq;
    private final double[] hq;
    private final double[] tnq;
    private final double[] half;
    private final double[] big;
    private final double[] estimate;
    /** The dense copy of the active lanes' states before the attempt, and their error norms. */
    private final double[] start;
    private final double[] errorNorm;
    /** W, K at the active lanes' step ends (and midpoints, for step doubling), {@code [j · lanes + q]}. */
    private final double[] wn;
    private final double[] kn;
    private final double[] wm;
    private final double[] km;
    /** Per active lane: its step, and the controller's next step if the attempt is accepted. */
    private final double[] stepq;
    private final double[] acceptedNext;
    private final double[] logErrorq;
    private final double[] dw;
    private final double[] area;
    private final double[] tmq;
    private final double[] h1;
    private final double[] h2;
    private final double[] dw1;
    private final double[] area1;
    private final double[] dw2;
    private final double[] area2;
    private final double[] initial;
    private final double[] anchors;
    private final double stepFloor;

    /**
     * @param saveTimes increasing times in {@code (t0, t1]} or from t0, ending at t1 (not modified)
     * @param seed      the root seed: path p runs on the Brownian path keyed by (seed, p)
     * @param doubling  whether to use step doubling even when the scheme has an embedded estimate
     * @param lanes     paths stepped at once (the most one {@link #solve} takes)
     * @throws IllegalArgumentException naming what the engine does not support ({@link #supports}), or an invalid
     *                                  save time
     */
    public BlockAdaptiveSolver(SdeProblem problem, Scheme scheme, StepControl control, double[] saveTimes, long seed,
            boolean doubling, int lanes) {
        this.problem = Require.nonNull("problem", problem);
        this.control = Require.nonNull("control", control);
        this.lanes = Require.positive("lanes", lanes);
        if (!supports(problem, scheme)) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " on this SDE: the block-adaptive engine"
                    + " needs a tableau scheme without a fused step, on one noise channel or diagonal noise");
        }
        // The per-path engine's checks (one-step scheme, Brownian increments, save times), and its reference.
        new PathAdaptiveSolver(problem, scheme, control, saveTimes, seed, doubling);
        this.saveTimes = saveTimes.clone();
        this.seed = seed;
        this.d = problem.dimension();
        this.m = problem.sde().noiseDimension();
        this.levy = scheme.needsSpaceTimeLevyArea();
        this.stepper = new LaneTableauStepper(problem.sde(), ((RungeKuttaScheme) scheme).tableau(), lanes);
        this.embedded = stepper.hasErrorEstimate() && !doubling;
        this.k = embedded ? 1.0 : Math.max(0.5, scheme.strongOrder(problem.sde().noise()));
        this.span = problem.t1() - problem.t0();
        this.path = new long[lanes];
        this.segment = new int[lanes];
        this.brownian = LaneBrownianPaths.of(lanes, m, levy, seed);
        this.t = new double[lanes];
        this.proposal = new double[lanes];
        this.logPrevious = new double[lanes];
        this.inARow = new int[lanes];
        this.accepted = new int[lanes];
        this.rejected = new int[lanes];
        this.smallest = new double[lanes];
        this.failure = new RuntimeException[lanes];
        this.x = new double[d * lanes];
        this.ws = new double[m * lanes];
        this.ks = new double[m * lanes];
        this.active = new int[lanes];
        this.tq = new double[lanes];
        this.hq = new double[lanes];
        this.tnq = new double[lanes];
        this.half = new double[d * lanes];
        this.big = embedded ? null : new double[d * lanes];
        this.estimate = embedded ? new double[d * lanes] : null;
        this.start = new double[d * lanes];
        this.errorNorm = new double[lanes];
        this.wn = new double[m * lanes];
        this.kn = new double[m * lanes];
        this.wm = embedded ? null : new double[m * lanes];
        this.km = embedded ? null : new double[m * lanes];
        this.stepq = new double[lanes];
        this.acceptedNext = new double[lanes];
        this.logErrorq = new double[lanes];
        this.dw = new double[m * lanes];
        this.area = new double[m * lanes];
        this.tmq = embedded ? null : new double[lanes];
        this.h1 = embedded ? null : new double[lanes];
        this.h2 = embedded ? null : new double[lanes];
        this.dw1 = embedded ? null : new double[m * lanes];
        this.area1 = embedded ? null : new double[m * lanes];
        this.dw2 = embedded ? null : new double[m * lanes];
        this.area2 = embedded ? null : new double[m * lanes];
        this.initial = new double[d];
        problem.copyInitialState(initial);
        this.anchors = PathAdaptiveSolver.anchors(problem, this.saveTimes);
        this.stepFloor = PathAdaptiveSolver.stepFloor(problem, control);
    }

    /**
     * Whether this engine runs {@code scheme} on the problem: a tableau scheme driven by Brownian increments whose
     * per-path step is the generic tableau step (no fused kernel), on an SDE with one noise channel or diagonal
     * noise. (Everything else {@link PathAdaptiveSolver} refuses, this engine refuses too.)
     */
    public static boolean supports(SdeProblem problem, Scheme scheme) {
        return scheme instanceof RungeKuttaScheme rk && !rk.hasFusedStepper() && rk.drivingNoise() == null
                && problem.sde().hasDiffusionVector();
    }

    /**
     * Solves paths {@code first … first + count − 1}, lane l taking path {@code first + l}: its state at save time k
     * into {@code saved[(l · K + k) · d + i]} (K save times). A path that fails leaves its rows as they were and
     * records its exception ({@link #failure}).
     *
     * @param count at most the number of lanes
     */
    public void solve(long first, int count, double[] saved) {
        if (count < 1 || count > lanes) {
            throw new IllegalArgumentException("count = " + count + ": must be in [1, " + lanes + "]");
        }
        int n = 0;
        for (int l = 0; l < count; l++) {
            if (start(l, first + l, saved)) {
                active[n++] = l;
            }
        }
        while (n > 0) {
            gather(n);
            if (embedded) {
                stepper.step(tq, hq, half, dw, area, n);
                stepper.lastError(hq, estimate, n);
            } else {
                stepper.step(tq, hq, big, dw, area, n);
                stepper.step(tq, h1, half, dw1, area1, n);
                stepper.step(tmq, h2, half, dw2, area2, n);
            }
            errors(n);
            n = decide(n, saved);
        }
    }

    /** Accepted steps of lane l's last path. */
    public int accepted(int lane) {
        return accepted[lane];
    }

    /** Rejected steps of lane l's last path. */
    public int rejected(int lane) {
        return rejected[lane];
    }

    /** The smallest accepted step of lane l's last path. */
    public double smallestStep(int lane) {
        return smallest[lane];
    }

    /** The failure of lane l's last path ({@link org.sde4j.solver.StepFailedException} or divergence), or null. */
    public RuntimeException failure(int lane) {
        return failure[lane];
    }

    /** Sets up lane l for path p; false when its path is done already (every save time at t0). */
    private boolean start(int l, long p, double[] saved) {
        path[l] = p;
        accepted[l] = 0;
        rejected[l] = 0;
        smallest[l] = Double.POSITIVE_INFINITY;
        failure[l] = null;
        proposal[l] = control.dtInitial();
        logPrevious[l] = 0.0;
        for (int i = 0; i < d; i++) {
            x[i * lanes + l] = initial[i];
        }
        brownian.reset(l, p, problem.t0(), anchors);
        for (int j = 0; j < m; j++) {
            ws[j * lanes + l] = 0;
            ks[j * lanes + l] = 0;
        }
        t[l] = problem.t0();
        segment[l] = -1;
        return openNext(l, saved);
    }

    /**
     * Moves the lane to its next saved time after its time, saving the state at each saved time on the way; false
     * when the path has reached t1.
     */
    private boolean openNext(int l, double[] saved) {
        int K = saveTimes.length;
        while (++segment[l] < K) {
            int s = segment[l];
            if (saveTimes[s] > t[l]) {
                inARow[l] = 0;
                return true;
            }
            save(l, s, saved);
        }
        return false;
    }

    private void save(int l, int s, double[] saved) {
        int o = (l * saveTimes.length + s) * d;
        for (int i = 0; i < d; i++) {
            saved[o + i] = x[i * lanes + l];
        }
    }

    /**
     * Step 1: the next step end of each active lane, the Brownian values there (all lanes at once), the dense
     * stepper inputs.
     */
    private void gather(int n) {
        double dtMax = control.dtMax();
        for (int q = 0; q < n; q++) {
            int l = active[q];
            tq[q] = t[l];
            tnq[q] = PathAdaptiveSolver.nextEnd(t[l], saveTimes[segment[l]], Math.min(proposal[l], dtMax));
        }
        brownian.values(n, active, tnq, wn, kn);
        if (!embedded) {
            // After the ends, as the per-path engine asks: each lane's normals come in the same order.
            for (int q = 0; q < n; q++) {
                tmq[q] = tq[q] + 0.5 * (tnq[q] - tq[q]);
            }
            brownian.values(n, active, tmq, wm, km);
        }
        for (int q = 0; q < n; q++) {
            int l = active[q];
            hq[q] = load(q, tq[q], tnq[q], ws, ks, l, wn, kn, q, dw, area);
            for (int i = 0; i < d; i++) {
                half[i * lanes + q] = x[i * lanes + l];
                start[i * lanes + q] = x[i * lanes + l];
            }
            if (!embedded) {
                h1[q] = load(q, tq[q], tmq[q], ws, ks, l, wm, km, q, dw1, area1);
                h2[q] = load(q, tmq[q], tnq[q], wm, km, q, wn, kn, q, dw2, area2);
                for (int i = 0; i < d; i++) {
                    big[i * lanes + q] = x[i * lanes + l];
                }
            }
        }
    }

    /**
     * The increments of the step {@code [a, b]} into lane q of the dense arrays (as PathAdaptiveSolver's load), from
     * W, K at a (index ia of wa, ka: {@code [j · lanes + ia]}) and at b (index ib).
     */
    private double load(int q, double a, double b, double[] wa, double[] ka, int ia, double[] wb, double[] kb, int ib,
            double[] dwOut, double[] areaOut) {
        double h = b - a;
        for (int j = 0; j < m; j++) {
            double w0 = wa[j * lanes + ia];
            double increment = wb[j * lanes + ib] - w0;
            dwOut[j * lanes + q] = increment;
            if (levy) {
                areaOut[j * lanes + q] = (kb[j * lanes + ib] - ka[j * lanes + ia] - h * w0) / h - 0.5 * increment;
            }
        }
        return h;
    }

    /**
     * Step 3: accept or reject each active lane's attempt; returns the number of lanes still active. The controller's
     * arithmetic (the error's logarithm, the next step if accepted) runs first over all lanes at once, the
     * bookkeeping after.
     */
    private int decide(int n, double[] saved) {
        double dtMax = control.dtMax();
        for (int q = 0; q < n; q++) {
            double h = tnq[q] - tq[q];
            double error = embedded ? errorNorm[q] : errorNorm[q] / Math.sqrt(h / span);
            double logError = ControllerLogarithms.log2(PathAdaptiveSolver.atLeast(1e-10, error));
            stepq[q] = h;
            errorNorm[q] = error;
            logErrorq[q] = logError;
            acceptedNext[q] = PathAdaptiveSolver.atLeast(stepFloor,
                    PathAdaptiveSolver.acceptedProposal(h, logError, logPrevious[active[q]], k, dtMax));
        }
        int kept = 0;
        for (int q = 0; q < n; q++) {
            int l = active[q];
            double tn = tnq[q];
            double h = stepq[q];
            double error = errorNorm[q];
            if (!Double.isFinite(error)) {
                double[] state = new double[d];
                for (int i = 0; i < d; i++) {
                    state[i] = half[i * lanes + q];
                }
                failure[l] = new SolveDivergedException(tn, accepted[l], path[l], state);
                continue;
            }
            boolean alive = true;
            if (error <= 1.0) {
                for (int i = 0; i < d; i++) {
                    x[i * lanes + l] = half[i * lanes + q];
                }
                t[l] = tn;
                brownian.forgetBefore(l, tn);
                for (int j = 0; j < m; j++) {
                    ws[j * lanes + l] = wn[j * lanes + q];
                    ks[j * lanes + l] = kn[j * lanes + q];
                }
                accepted[l]++;
                inARow[l] = 0;
                smallest[l] = Math.min(smallest[l], h);
                proposal[l] = acceptedNext[q];
                logPrevious[l] = Math.max(logErrorq[q], PathAdaptiveSolver.LOG_ERROR_FLOOR);
                if (tn == saveTimes[segment[l]]) {
                    save(l, segment[l], saved);
                    alive = openNext(l, saved);
                }
            } else {
                rejected[l]++;
                proposal[l] = PathAdaptiveSolver.rejectedProposal(h, error, k);
                if (++inARow[l] > PathAdaptiveSolver.MAX_REJECTIONS || proposal[l] < stepFloor) {
                    failure[l] = PathAdaptiveSolver.tooSmall(t[l], proposal[l], inARow[l], error, control, path[l]);
                    alive = false;
                }
            }
            if (alive && accepted[l] + rejected[l] >= control.maxSteps()) {
                failure[l] = PathAdaptiveSolver.tooMany(t[l], proposal[l], accepted[l], rejected[l], control, path[l]);
                alive = false;
            }
            if (alive) {
                active[kept++] = l;
            }
        }
        return kept;
    }

    /**
     * The scaled error norm of every active lane, {@code √(Σ_i e_i² / d)}, over the dense arrays at once: with the
     * embedded estimate {@code e_i = E_i / (atol + rtol · max(|x_i|, |x̂_i|))}, with step doubling {@code e_i = (x_i −
     * x̂_i) / (atol + rtol · max(|x_i|, |x̂_i|))} (x the full step, x̂ the two halves) — the per-path engine's sums, term
     * by term.
     */
    private void errors(int n) {
        java.util.Arrays.fill(errorNorm, 0, n, 0.0);
        double atol = control.atol();
        double rtol = control.rtol();
        for (int i = 0; i < d; i++) {
            int o = i * lanes;
            if (embedded) {
                for (int q = 0; q < n; q++) {
                    double e = estimate[o + q] / (atol + rtol * Math.max(Math.abs(start[o + q]), Math.abs(half[o + q])));
                    errorNorm[q] += e * e;
                }
            } else {
                for (int q = 0; q < n; q++) {
                    double b = big[o + q];
                    double hf = half[o + q];
                    double scale = atol + rtol * Math.max(Math.abs(b), Math.abs(hf));
                    double e = (b - hf) / scale;
                    errorNorm[q] += e * e;
                }
            }
        }
        for (int q = 0; q < n; q++) {
            errorNorm[q] = Math.sqrt(errorNorm[q] / d);
        }
    }

    @Override
    public String toString() {
        return "block-adaptive engine, " + lanes + " lanes, save times " + Arrays.toString(saveTimes);
    }
}
