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
 * ({@link org.sde4j.brownian.OnDemandBrownianPath}), the same controller, the same rejections that never redraw
 * noise, the same saved times hit exactly — and gives each path the same bits, but works on all active lanes at
 * once, in structure-of-arrays layout: the scheme's stages ({@link LaneTableauStepper}), the Brownian bridges
 * ({@link LaneBrownianPaths}) and the controller's arithmetic. One round:
 *
 * <ol>
 *   <li>every active lane's next step end and its Brownian value there (and at the midpoint, for step doubling);
 *       the increments;</li>
 *   <li>the step (and the embedded estimate, or the two half steps), every active lane at once;</li>
 *   <li>the error norms and the controller's next step, every active lane at once; then per lane: accept or
 *       reject; a lane that reaches a saved time saves its state; a lane whose path ends (or fails) leaves.</li>
 * </ol>
 *
 * <p><b>Layout.</b> The active lanes are always lanes {@code 0 … n − 1}: a path that ends hands its lane to the last
 * active one, which moves down with all its state (its Brownian path too, {@link LaneBrownianPaths#moveLane}). So
 * every loop over the lanes runs over dense rows ({@code x[k][q]} for component k of lane q) with no index
 * indirection — the form the JIT (JDK 17) turns into vector instructions. A lane remembers which of the caller's
 * paths it carries ({@code slot}), and its results are filed under that.
 *
 * <p>Lanes never wait for each other: a round moves every active lane by one attempt, whatever its time; the work of
 * a round is proportional to the number of active lanes, plus a fixed part (some sixty short loops, about 3 µs).
 * Given more paths than lanes, a lane whose path ends takes the caller's next path at once, so the lanes thin out
 * only when the paths run out. For tableau schemes without a fused per-path step (SRIW1,
 * SOSRI, SRA1, SOSRA, Heun, RK4, …; {@link #supports}) on one noise channel or diagonal noise; the others run on
 * {@link PathAdaptiveSolver}. One instance per thread; it allocates nothing per step.
 */
public final class BlockAdaptiveSolver {
    private final SdeProblem problem;
    private final StepControl control;
    private final double[] saveTimes;
    private final int lanes;
    private final int d;
    private final int m;
    private final boolean levy;
    private final boolean embedded;
    private final double k;
    private final double span;
    private final double stepFloor;
    private final double[] initial;
    private final double[] anchors;
    private final LaneTableauStepper stepper;
    /** The lanes' Brownian paths, lane q on the path keyed by (seed, path[q]). */
    private final LaneBrownianPaths brownian;
    /** Lanes 0, 1, 2, …: the active lanes, for the Brownian store's queries. */
    private final int[] identity;

    // Per active lane q: which path it carries, and where that path stands.
    private final int[] slot;
    private final long[] path;
    private final int[] segment;
    private final int[] inARow;
    private final int[] accepted;
    private final int[] rejected;
    private final double[] smallest;
    private final double[] t;
    private final double[] proposal;
    private final double[] logPrevious;
    /** The state {@code x[k][q]}, and W, K at the lane's time {@code [j][q]}. */
    private final double[][] x;
    private final double[][] ws;
    private final double[][] ks;

    // The attempt of lane q: its end (and midpoint), steps, increments, results, error and next step.
    private final double[] tn;
    private final double[] h;
    private final double[][] wn;
    private final double[][] kn;
    private final double[][] dw;
    private final double[][] area;
    private final double[][] half;
    private final double[][] estimate;
    private final double[] tm;
    private final double[] h1;
    private final double[] h2;
    private final double[][] wm;
    private final double[][] km;
    private final double[][] dw1;
    private final double[][] area1;
    private final double[][] dw2;
    private final double[][] area2;
    private final double[][] big;
    private final double[] errorNorm;
    private final double[] logError;
    private final double[] acceptedNext;
    private final double[] scratch;
    private final double[] scratch2;
    /** Per lane, whether the attempt is accepted (and the lane moved on), and whether the lane leaves. */
    private final boolean[] moved;
    private final boolean[] leaving;

    // The results of the caller's paths, by slot (grown to the most paths one solve has taken).
    private int[] acceptedOf;
    private int[] rejectedOf;
    private double[] smallestOf;
    private RuntimeException[] failureOf;
    /** The caller's first path, how many paths it asked for, and the next one to start in a lane that falls free. */
    private long first;
    private int count;
    private int next;

    /**
     * @param saveTimes increasing times in {@code (t0, t1]} or from t0, ending at t1 (not modified)
     * @param seed      the root seed: path p runs on the Brownian path keyed by (seed, p)
     * @param doubling  whether to use step doubling even when the scheme has an embedded estimate
     * @param lanes     paths stepped at once
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
        this.d = problem.dimension();
        this.m = problem.sde().noiseDimension();
        this.levy = scheme.needsSpaceTimeLevyArea();
        this.stepper = new LaneTableauStepper(problem.sde(), ((RungeKuttaScheme) scheme).tableau(), lanes);
        this.embedded = stepper.hasErrorEstimate() && !doubling;
        this.k = embedded ? 1.0 : Math.max(0.5, scheme.strongOrder(problem.sde().noise()));
        this.span = problem.t1() - problem.t0();
        this.stepFloor = PathAdaptiveSolver.stepFloor(problem, control);
        this.initial = new double[d];
        problem.copyInitialState(initial);
        this.anchors = PathAdaptiveSolver.anchors(problem, this.saveTimes);
        this.brownian = LaneBrownianPaths.of(lanes, m, levy, seed);
        this.identity = new int[lanes];
        Arrays.setAll(identity, q -> q);
        this.slot = new int[lanes];
        this.path = new long[lanes];
        this.segment = new int[lanes];
        this.inARow = new int[lanes];
        this.accepted = new int[lanes];
        this.rejected = new int[lanes];
        this.smallest = new double[lanes];
        this.t = new double[lanes];
        this.proposal = new double[lanes];
        this.logPrevious = new double[lanes];
        this.x = new double[d][lanes];
        this.ws = new double[m][lanes];
        this.ks = new double[m][lanes];
        this.tn = new double[lanes];
        this.h = new double[lanes];
        this.wn = new double[m][lanes];
        this.kn = new double[m][lanes];
        this.dw = new double[m][lanes];
        this.area = new double[m][lanes];
        this.half = new double[d][lanes];
        this.estimate = embedded ? new double[d][lanes] : null;
        this.tm = embedded ? null : new double[lanes];
        this.h1 = embedded ? null : new double[lanes];
        this.h2 = embedded ? null : new double[lanes];
        this.wm = embedded ? null : new double[m][lanes];
        this.km = embedded ? null : new double[m][lanes];
        this.dw1 = embedded ? null : new double[m][lanes];
        this.area1 = embedded ? null : new double[m][lanes];
        this.dw2 = embedded ? null : new double[m][lanes];
        this.area2 = embedded ? null : new double[m][lanes];
        this.big = embedded ? null : new double[d][lanes];
        this.errorNorm = new double[lanes];
        this.logError = new double[lanes];
        this.acceptedNext = new double[lanes];
        this.scratch = new double[lanes];
        this.scratch2 = new double[lanes];
        this.moved = new boolean[lanes];
        this.leaving = new boolean[lanes];
        this.acceptedOf = new int[0];
        this.rejectedOf = new int[0];
        this.smallestOf = new double[0];
        this.failureOf = new RuntimeException[0];
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
     * Solves paths {@code first … first + count − 1}, the i-th of them path {@code first + i}: its state at save
     * time k into {@code saved[(i · K + k) · d + c]} (K save times, component c). A path that fails leaves its rows
     * as they were and records its exception ({@link #failure}).
     *
     * <p>The first paths take the lanes; a lane whose path ends takes the next path at once, so that more paths than
     * lanes keep every lane busy until the last ones run out (the lanes thin out only at the end, and each round's
     * fixed cost is shared by all lanes). A path's bits do not depend on its lane or on the paths beside it.
     *
     * @param count at least 1; {@code saved} holds {@code count · K · d} values
     */
    public void solve(long first, int count, double[] saved) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + ": must be at least 1");
        }
        if (acceptedOf.length < count) {
            acceptedOf = new int[count];
            rejectedOf = new int[count];
            smallestOf = new double[count];
            failureOf = new RuntimeException[count];
        }
        this.first = first;
        this.count = count;
        int n = Math.min(count, lanes);
        for (int q = 0; q < n; q++) {
            start(q, q);
            leaving[q] = !openNext(q, saved);
        }
        next = n;
        n = leave(n, saved);
        while (n > 0) {
            attempt(n);
            errors(n);
            control(n);
            decide(n, saved);
            n = leave(n, saved);
        }
    }

    /** Accepted steps of the i-th path of the last {@link #solve}. */
    public int accepted(int i) {
        return acceptedOf[i];
    }

    /** Rejected steps of the i-th path of the last {@link #solve}. */
    public int rejected(int i) {
        return rejectedOf[i];
    }

    /** The smallest accepted step of the i-th path of the last {@link #solve}. */
    public double smallestStep(int i) {
        return smallestOf[i];
    }

    /** The failure of the i-th path of the last {@link #solve} ({@link org.sde4j.solver.StepFailedException} or divergence), or null. */
    public RuntimeException failure(int i) {
        return failureOf[i];
    }

    /** Sets up lane q for the caller's i-th path, path {@code first + i}. */
    private void start(int q, int i) {
        long p = first + i;
        slot[q] = i;
        path[q] = p;
        accepted[q] = 0;
        rejected[q] = 0;
        smallest[q] = Double.POSITIVE_INFINITY;
        failureOf[i] = null;
        proposal[q] = control.dtInitial();
        logPrevious[q] = 0.0;
        for (int c = 0; c < d; c++) {
            x[c][q] = initial[c];
        }
        brownian.reset(q, p, problem.t0(), anchors);
        for (int j = 0; j < m; j++) {
            ws[j][q] = 0;
            ks[j][q] = 0;
        }
        t[q] = problem.t0();
        segment[q] = -1;
    }

    /**
     * Moves the lane to its next saved time after its time, saving the state at each saved time on the way; false
     * when the path has reached t1.
     */
    private boolean openNext(int q, double[] saved) {
        int K = saveTimes.length;
        while (++segment[q] < K) {
            int s = segment[q];
            if (saveTimes[s] > t[q]) {
                inARow[q] = 0;
                return true;
            }
            save(q, s, saved);
        }
        return false;
    }

    private void save(int q, int s, double[] saved) {
        int o = (slot[q] * saveTimes.length + s) * d;
        for (int i = 0; i < d; i++) {
            saved[o + i] = x[i][q];
        }
    }

    /**
     * Step 1 and 2: every lane's next step end, the Brownian values there (all lanes at once), the increments, and
     * the step (with its estimate, or the two half steps of step doubling).
     */
    private void attempt(int n) {
        double dtMax = control.dtMax();
        for (int q = 0; q < n; q++) {
            tn[q] = PathAdaptiveSolver.nextEnd(t[q], saveTimes[segment[q]], Math.min(proposal[q], dtMax));
        }
        brownian.values(n, identity, tn, wn, kn);
        if (!embedded) {
            // After the ends, as the per-path engine asks: each lane's normals come in the same order.
            for (int q = 0; q < n; q++) {
                tm[q] = t[q] + 0.5 * (tn[q] - t[q]);
            }
            brownian.values(n, identity, tm, wm, km);
        }
        for (int i = 0; i < d; i++) {
            System.arraycopy(x[i], 0, half[i], 0, n);
        }
        increments(t, tn, ws, ks, wn, kn, h, dw, area, n);
        if (embedded) {
            stepper.step(t, h, half, dw, area, n);
            stepper.lastError(h, estimate, n);
            return;
        }
        increments(t, tm, ws, ks, wm, km, h1, dw1, area1, n);
        increments(tm, tn, wm, km, wn, kn, h2, dw2, area2, n);
        for (int i = 0; i < d; i++) {
            System.arraycopy(x[i], 0, big[i], 0, n);
        }
        stepper.step(t, h, big, dw, area, n);
        stepper.step(t, h1, half, dw1, area1, n);
        stepper.step(tm, h2, half, dw2, area2, n);
    }

    /**
     * The steps {@code [a, b]} of every lane and their increments (as PathAdaptiveSolver's load): ΔW from W at both
     * ends, and with Lévy area {@code H = (K_b − K_a − h W_a)/h − ΔW/2}.
     */
    private void increments(double[] a, double[] b, double[][] wa, double[][] ka, double[][] wb, double[][] kb,
            double[] step, double[][] dwOut, double[][] areaOut, int n) {
        for (int q = 0; q < n; q++) {
            step[q] = b[q] - a[q];
        }
        for (int j = 0; j < m; j++) {
            double[] w0 = wa[j];
            double[] w1 = wb[j];
            double[] out = dwOut[j];
            for (int q = 0; q < n; q++) {
                out[q] = w1[q] - w0[q];
            }
            if (levy) {
                double[] k0 = ka[j];
                double[] k1 = kb[j];
                double[] areaRow = areaOut[j];
                for (int q = 0; q < n; q++) {
                    areaRow[q] = (k1[q] - k0[q] - step[q] * w0[q]) / step[q] - 0.5 * out[q];
                }
            }
        }
    }

    /**
     * The scaled error norm of every lane, {@code √(Σ_i e_i² / d)}: with the embedded estimate {@code e_i = E_i /
     * (atol + rtol · max(|x_i|, |x̂_i|))}, with step doubling {@code e_i = (x_i − x̂_i) / (atol + rtol · max(|x_i|,
     * |x̂_i|))} (x the full step, x̂ the two halves) then divided by {@code √(h / T)} — the per-path engine's sums,
     * term by term.
     */
    private void errors(int n) {
        Arrays.fill(errorNorm, 0, n, 0.0);
        double atol = control.atol();
        double rtol = control.rtol();
        for (int i = 0; i < d; i++) {
            double[] hf = half[i];
            if (embedded) {
                double[] e = estimate[i];
                double[] before = x[i];
                for (int q = 0; q < n; q++) {
                    scratch[q] = e[q] / (atol + rtol * Math.max(Math.abs(before[q]), Math.abs(hf[q])));
                }
            } else {
                double[] b = big[i];
                for (int q = 0; q < n; q++) {
                    scratch[q] = (b[q] - hf[q]) / (atol + rtol * Math.max(Math.abs(b[q]), Math.abs(hf[q])));
                }
            }
            for (int q = 0; q < n; q++) {
                errorNorm[q] += scratch[q] * scratch[q];
            }
        }
        for (int q = 0; q < n; q++) {
            errorNorm[q] = Math.sqrt(errorNorm[q] / d);
        }
        if (!embedded) {
            for (int q = 0; q < n; q++) {
                errorNorm[q] = errorNorm[q] / Math.sqrt(h[q] / span);
            }
        }
    }

    /**
     * Step 3, the controller's arithmetic for every lane at once: the error's base-2 logarithm, and the next step if
     * the attempt is accepted ({@link PathAdaptiveSolver#acceptedProposal}, term by term, at least the step floor).
     */
    private void control(int n) {
        for (int q = 0; q < n; q++) {
            scratch[q] = PathAdaptiveSolver.atLeast(1e-10, errorNorm[q]);
        }
        ControllerLogarithms.log2(scratch, logError, acceptedNext, n);
        for (int q = 0; q < n; q++) {
            scratch[q] = (0.4 * logPrevious[q] - 0.7 * logError[q]) / k;
        }
        ControllerLogarithms.exp2(scratch, acceptedNext, scratch2, n);
        double dtMax = control.dtMax();
        for (int q = 0; q < n; q++) {
            double factor = 0.9 * acceptedNext[q];
            acceptedNext[q] = PathAdaptiveSolver.atLeast(stepFloor, PathAdaptiveSolver.atMost(dtMax,
                    h[q] * PathAdaptiveSolver.atMost(5.0, PathAdaptiveSolver.atLeast(0.2, factor))));
        }
    }

    /**
     * Step 3, per lane: accept or reject the attempt; marks the lanes that leave (their path ended or failed). The
     * accepted lanes move first, in short loops without calls (the common case: the compiler keeps the arrays in
     * registers); the rest — saved times, rejections, failures, the step limit — lane by lane after.
     */
    private void decide(int n, double[] saved) {
        for (int q = 0; q < n; q++) {
            // Not for a non-finite error: NaN fails the comparison.
            moved[q] = errorNorm[q] <= 1.0;
        }
        for (int i = 0; i < d; i++) {
            double[] row = x[i];
            double[] next = half[i];
            for (int q = 0; q < n; q++) {
                if (moved[q]) {
                    row[q] = next[q];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            double[] w = ws[j];
            double[] wNext = wn[j];
            double[] kk = ks[j];
            double[] kNext = kn[j];
            for (int q = 0; q < n; q++) {
                if (moved[q]) {
                    w[q] = wNext[q];
                    kk[q] = kNext[q];
                }
            }
        }
        for (int q = 0; q < n; q++) {
            if (moved[q]) {
                t[q] = tn[q];
                accepted[q]++;
                inARow[q] = 0;
                smallest[q] = Math.min(smallest[q], h[q]);
                proposal[q] = acceptedNext[q];
                logPrevious[q] = Math.max(logError[q], PathAdaptiveSolver.LOG_ERROR_FLOOR);
            }
        }
        brownian.forgetBefore(n, moved, tn);
        long maxSteps = control.maxSteps();
        for (int q = 0; q < n; q++) {
            // Most lanes moved, short of a saved time and of the step limit: nothing more to settle.
            boolean settled = moved[q] && tn[q] != saveTimes[segment[q]] && accepted[q] + rejected[q] < maxSteps;
            leaving[q] = !settled && !settle(q, moved[q], saved);
        }
    }

    /**
     * The rest of lane q's decision, after an accepted attempt has moved it: a saved time reached, a rejection, a
     * failure, the step limit; false when the lane leaves.
     */
    private boolean settle(int q, boolean moved, double[] saved) {
        double error = errorNorm[q];
        boolean alive = true;
        if (moved) {
            if (tn[q] == saveTimes[segment[q]]) {
                save(q, segment[q], saved);
                alive = openNext(q, saved);
            }
        } else if (!Double.isFinite(error)) {
            double[] state = new double[d];
            for (int i = 0; i < d; i++) {
                state[i] = half[i][q];
            }
            failureOf[slot[q]] = new SolveDivergedException(tn[q], accepted[q], path[q], state);
            return false;
        } else {
            rejected[q]++;
            proposal[q] = PathAdaptiveSolver.rejectedProposal(h[q], error, k);
            if (++inARow[q] > PathAdaptiveSolver.MAX_REJECTIONS || proposal[q] < stepFloor) {
                failureOf[slot[q]] = PathAdaptiveSolver.tooSmall(t[q], proposal[q], inARow[q], error, control,
                        path[q]);
                alive = false;
            }
        }
        if (alive && accepted[q] + rejected[q] >= control.maxSteps()) {
            failureOf[slot[q]] = PathAdaptiveSolver.tooMany(t[q], proposal[q], accepted[q], rejected[q], control,
                    path[q]);
            alive = false;
        }
        return alive;
    }

    /**
     * Files the results of the lanes that leave, and fills the gaps: with the caller's next paths while there are
     * any, then with the last active lane; returns the number of lanes still active.
     */
    private int leave(int n, double[] saved) {
        for (int q = n - 1; q >= 0; q--) {
            while (leaving[q] && next < count) {
                file(q);
                start(q, next++);
                leaving[q] = !openNext(q, saved);
            }
            if (leaving[q]) {
                file(q);
                n--;
                // Lanes above q were looked at already and stay: lane n is active.
                move(n, q);
            }
        }
        return n;
    }

    /** Files lane q's step counts under its path's slot. */
    private void file(int q) {
        int i = slot[q];
        acceptedOf[i] = accepted[q];
        rejectedOf[i] = rejected[q];
        smallestOf[i] = smallest[q];
    }

    /** Moves lane {@code from} (active) to lane {@code to}. */
    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        slot[to] = slot[from];
        path[to] = path[from];
        segment[to] = segment[from];
        inARow[to] = inARow[from];
        accepted[to] = accepted[from];
        rejected[to] = rejected[from];
        smallest[to] = smallest[from];
        t[to] = t[from];
        proposal[to] = proposal[from];
        logPrevious[to] = logPrevious[from];
        leaving[to] = leaving[from];
        for (int i = 0; i < d; i++) {
            x[i][to] = x[i][from];
        }
        for (int j = 0; j < m; j++) {
            ws[j][to] = ws[j][from];
            ks[j][to] = ks[j][from];
        }
        brownian.moveLane(from, to);
    }

    @Override
    public String toString() {
        return "block-adaptive engine, " + lanes + " lanes, save times " + Arrays.toString(saveTimes);
    }
}
