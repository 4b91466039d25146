package org.sde4j.sensitivity;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.gradient.ParametricBranchField;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SdeGradient;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.solver.scheme.TableauScheme;
import org.sde4j.solver.step.ArrayVectorSpace;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * Backpropagation through any tableau scheme with binomial checkpointing, the schedule of {@code revolve} (Griewank
 * 1992; Griewank &amp; Walther 2000, ACM TOMS 26, Algorithm 799): with s checkpoint slots, a reversal of
 * {@code l ≤ β(s, r) = C(s + r, s)} steps recomputes each step at most r times. The reversal of {@code l} steps from a
 * stored state puts its first checkpoint {@code min(β(s, r − 1), l − 1)} steps ahead, reverses the part after it with
 * s − 1 slots, frees the slot and reverses the part before it with s slots (β(s, r) = β(s, r − 1) + β(s − 1, r)).
 *
 * <p>By default s is the least with β(s, s) ≥ N, so s = r ≈ log₄ N: memory and recomputation both logarithmic, about
 * s + 1 stored states against ⌈√N⌉ + ⌈N/k⌉ for {@link CheckpointedBackpropagation} and N for full backpropagation. Every
 * step, recomputed or not, is the same operation on the same input, and the steps are reversed in the order of
 * {@link org.sde4j.gradient.Backpropagation}, so the gradient has the same bits. Held state, counted as the run goes:
 * the stored checkpoints (the initial state included) and the working state, plus the states the loss reads.
 */
public final class RevolveBackpropagation implements SdeGradient {
    private final TableauScheme scheme;
    private final int slots;

    private RevolveBackpropagation(TableauScheme scheme, int slots) {
        this.scheme = java.util.Objects.requireNonNull(scheme, "scheme");
        this.slots = slots;
    }

    /** The least s with β(s, s) ≥ N slots (logarithmic memory and recomputation). */
    public static RevolveBackpropagation through(TableauScheme scheme) {
        return new RevolveBackpropagation(scheme, 0);
    }

    /**
     * {@code slots} checkpoint slots besides the initial state.
     *
     * @throws IllegalArgumentException when slots &lt; 1
     */
    public static RevolveBackpropagation through(TableauScheme scheme, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots = " + slots + ": at least 1 checkpoint slot");
        }
        return new RevolveBackpropagation(scheme, slots);
    }

    /** {@code β(s, r) = C(s + r, s)}, saturated at {@code Long.MAX_VALUE}. */
    static long beta(int s, int r) {
        long b = 1;
        for (int i = 1; i <= s; i++) {
            long next = b * (r + i) / i; // exact: b·(r+i)/i is C(r+i, i)
            if (next < b || b > Long.MAX_VALUE / (r + i)) {
                return Long.MAX_VALUE;
            }
            b = next;
        }
        return b;
    }

    /** The least r with β(s, r) ≥ l (s ≥ 1). */
    static int repetitions(int s, long l) {
        int r = 0;
        while (beta(s, r) < l) {
            r++;
        }
        return r;
    }

    /** The default slots for N steps: the least s with β(s, s) ≥ N. */
    static int defaultSlots(int n) {
        int s = 1;
        while (beta(s, s) < n) {
            s++;
        }
        return s;
    }

    /** What a run did: its gradient, the most checkpoints alive at once, and the forward steps taken in all. */
    record Run(SolveGradient gradient, int peakCheckpoints, long forwardSteps) {
    }

    @Override
    public SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        return run(sde, theta, x0, grid, brownian, loss).gradient();
    }

    /** {@link #compute}, with the counts of the run. */
    Run run(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid, BrownianSource brownian, PathLoss loss) {
        boolean area = CheckpointedBackpropagation.checkArguments(scheme, sde, theta, x0, brownian);
        StochasticTableau tableau = scheme.tableau();
        ParametricBranchField field = new ParametricBranchField(sde, theta.clone(), tableau.stages());
        Reversal r = new Reversal(new BranchStep<>(ArrayVectorSpace.INSTANCE, tableau, field), grid, brownian,
                x0.length, area);
        int saves = grid.savedCount();
        double[][] saved = new double[saves][];
        double[] x = x0.clone();
        for (int i = 0, next = 0; i < grid.steps(); i++) {
            x = r.advance(i, x);
            SdeGradient.checkFinite(x, i + 1, grid.time(i + 1));
            if (next < saves && grid.savedStep(next) == i + 1) {
                saved[next++] = x.clone();
            }
        }
        r.grads = new double[saves][x0.length];
        double[][] lossStates = new double[saves][];
        for (int j = 0; j < saves; j++) {
            lossStates[j] = saved[j].clone();
        }
        double value = loss.evaluate(lossStates, r.grads);
        r.next = saves - 1;
        int s = slots > 0 ? slots : defaultSlots(grid.steps());
        r.live = 1; // the initial state
        r.peak = 1;
        r.reverse(0, grid.steps(), x0.clone(), s);
        long retained = (long) (r.peak + 1) * x0.length + (long) saves * x0.length;
        return new Run(new SolveGradient(value, field.parameterGradient().clone(), r.adjoint, saved, retained), r.peak,
                r.forward);
    }

    /** The state of one reversal: the step, the adjoint, the loss's gradients still to inject, and the counts. */
    private static final class Reversal {
        private final BranchStep<double[]> step;
        private final SolveGrid grid;
        private final BrownianSource brownian;
        private final double[] dw;
        private final double[] h;
        final double[] adjoint;
        double[][] grads;
        int next;
        int live;
        int peak;
        long forward;

        Reversal(BranchStep<double[]> step, SolveGrid grid, BrownianSource brownian, int d, boolean area) {
            this.step = step;
            this.grid = grid;
            this.brownian = brownian;
            this.dw = new double[d];
            this.h = area ? new double[d] : null;
            this.adjoint = new double[d];
        }

        /** X_{i+1} from X_i (a new array). */
        double[] advance(int i, double[] x) {
            CheckpointedBackpropagation.noise(brownian, grid, i, dw, h);
            double t = grid.time(i);
            forward++;
            return step.forward(t, grid.time(i + 1) - t, x, dw, h).clone();
        }

        /**
         * Reverses steps [from, to) given X_from (stored), with s free slots: l = to − from ≤ β(s, r) for the least such
         * r, so s = 0 only when l = 1. The part after the checkpoint recurses (depth at most s); the part before it
         * loops.
         */
        void reverse(int from, int to, double[] start, int s) {
            int end = to;
            while (end - from > 1) {
                int l = end - from;
                int r = repetitions(s, l);
                int left = (int) Math.min(beta(s, r - 1), l - 1);
                double[] x = start;
                for (int j = from; j < from + left; j++) {
                    x = advance(j, x);
                }
                live++;
                peak = Math.max(peak, live);
                reverse(from + left, end, x, s - 1);
                live--;
                end = from + left;
            }
            inject(end);
            CheckpointedBackpropagation.noise(brownian, grid, from, dw, h);
            double t = grid.time(from);
            forward++;
            step.forward(t, grid.time(end) - t, start, dw, h);
            System.arraycopy(step.backward(adjoint), 0, adjoint, 0, adjoint.length);
        }

        /** Adds the loss's gradient at step i, if it reads X_i. */
        private void inject(int i) {
            if (next >= 0 && grid.savedStep(next) == i) {
                for (int e = 0; e < adjoint.length; e++) {
                    adjoint[e] += grads[next][e];
                }
                next--;
            }
        }
    }

    @Override
    public String toString() {
        return "revolve backpropagation through " + scheme + (slots > 0 ? ", " + slots + " slots" : "");
    }
}
