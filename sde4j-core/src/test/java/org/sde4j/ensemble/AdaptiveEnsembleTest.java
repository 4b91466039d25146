package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.OnDemandBrownianPath;
import org.sde4j.montecarlo.ShardMerger;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.RosslerSchemes;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.StepFailedException;

/**
 * The adaptive ensemble on gbm ({@code dX = 1.01 X dt + 0.87 X dW}, X0 = 0.5, T = 1; fixed seeds) against the exact
 * law {@code E X_T = X0 e^{aT}}, {@code Var X_T = X0² e^{2aT}(e^{b²T} − 1)}, {@code Var log X_T = b² T}, and against
 * the exact solution {@code X0 exp((a − b²/2)T + b W_T)} on each path's own W_T (its Brownian path's anchor at T).
 */
class AdaptiveEnsembleTest {
    private static final TestProblem GBM = Problems.gbm();

    @Test
    void aLooseToleranceStillGivesTheExactLaw() {
        // Milstein by step doubling at tol 3e-3: ~68 accepted and ~21 rejected steps per path (measured; Var log X_T
        // 0.7467, 1.3 SE from exact; at tol 1e-2, 23 steps per path, the discretisation bias shows: 0.726).
        AdaptiveEnsembleResult r = AdaptiveEnsemble.of(GBM.problem(), Milstein.ITO).tolerances(3e-3, 3e-3)
                .paths(20_000).seed(11).keepFinalStates(true).run();
        assertTrue(r.steps().rejected() > 200_000, () -> "rejections: " + r.steps());
        RunningStatistics s = r.statistics().finalStatistics();
        double mean = GBM.exactMean(1).get()[0];
        double se = Math.sqrt(s.variance()[0] / s.count());
        assertEquals(mean, s.mean()[0], 3 * se, "mean");
        double[] logs = logs(r.statistics().finalStates());
        double logVariance = variance(logs);
        double b = 0.87;
        double logSe = b * b * Math.sqrt(2.0 / logs.length);
        assertEquals(b * b, logVariance, 3 * logSe, "Var log X_T");
        assertEquals(Math.log(0.5) + 1.01 - 0.5 * b * b, meanOf(logs), 3 * b / Math.sqrt(logs.length), "E log X_T");
    }

    @Test
    void theErrorFallsInProportionToTheTolerance() {
        double[] tolerances = {1e-1, 1e-2, 1e-3};
        double[] errors = new double[tolerances.length];
        int paths = 1000;
        for (int i = 0; i < tolerances.length; i++) {
            AdaptiveEnsembleResult r = AdaptiveEnsemble.of(GBM.problem(), RosslerSchemes.SRIW1)
                    .tolerances(tolerances[i], tolerances[i]).paths(paths).seed(5).keepFinalStates(true).run();
            errors[i] = meanAbsoluteError(r.statistics().finalStates(), RosslerSchemes.SRIW1, 5);
        }
        // Measured: 3.06e-2, 4.46e-3, 2.30e-4 (slope 1.06).
        double slope = Math.log(errors[0] / errors[2]) / Math.log(tolerances[0] / tolerances[2]);
        assertTrue(slope > 0.85 && slope < 1.25, () -> "slope " + slope + " from errors "
                + java.util.Arrays.toString(errors));
    }

    @Test
    void savedTimesAreHitAndHaveTheExactMeans() {
        AdaptiveEnsembleResult r = AdaptiveEnsemble.of(GBM.problem(), RosslerSchemes.SRIW1).tolerances(1e-2, 1e-2)
                .saveAt(0.3, 1.0 / 7).paths(10_000).seed(3).run();
        assertArrayEquals(new double[] {1.0 / 7, 0.3, 1.0}, r.statistics().times());
        for (int k = 0; k < 3; k++) {
            RunningStatistics s = r.statistics().statisticsAt(k);
            double t = r.statistics().times()[k];
            assertEquals(GBM.exactMean(t).get()[0], s.mean()[0], 3.5 * Math.sqrt(s.variance()[0] / s.count()),
                    "mean at " + t);
            assertEquals(GBM.exactVariance(t).get()[0], s.variance()[0], 0.1 * GBM.exactVariance(t).get()[0],
                    "variance at " + t);
        }
    }

    @Test
    void theBitsAreTheSameForAnyThreadCountAndShards() {
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM.problem(), Milstein.ITO).tolerances(1e-2, 1e-2).paths(1500)
                .saveAt(0.5).seed(9);
        AdaptiveEnsembleResult one = job.threads(1).run();
        AdaptiveEnsembleResult three = job.threads(3).run();
        ShardMerger<AdaptiveEnsembleResult> merger = job.merger();
        merger.add(job.runChunks(3, job.chunkCount()));
        merger.add(job.runChunks(0, 3));
        AdaptiveEnsembleResult shards = merger.result();
        for (AdaptiveEnsembleResult other : new AdaptiveEnsembleResult[] {three, shards}) {
            for (int k = 0; k < 2; k++) {
                assertEquals(Double.doubleToRawLongBits(one.statistics().statisticsAt(k).mean()[0]),
                        Double.doubleToRawLongBits(other.statistics().statisticsAt(k).mean()[0]));
                assertEquals(Double.doubleToRawLongBits(one.statistics().statisticsAt(k).variance()[0]),
                        Double.doubleToRawLongBits(other.statistics().statisticsAt(k).variance()[0]));
            }
            assertEquals(one.steps(), other.steps());
        }
        assertTrue(one.steps().maxAccepted() >= one.steps().meanAccepted());
        assertTrue(one.steps().smallestStep() > 0 && one.steps().smallestStep() <= 0.5);
    }

    @Test
    void theEnsembleOptionRunsTheSameJob() {
        AdaptiveEnsembleResult viaEnsemble = Ensemble.of(GBM.problem(), RosslerSchemes.SRIW1).paths(600).seed(4)
                .saveAt(0.5).threads(2).adaptive(1e-2, 1e-2).run();
        AdaptiveEnsembleResult direct = AdaptiveEnsemble.of(GBM.problem(), RosslerSchemes.SRIW1).tolerances(1e-2, 1e-2)
                .paths(600).seed(4).saveAt(0.5).threads(1).run();
        assertEquals(Double.doubleToRawLongBits(direct.mean()[0]), Double.doubleToRawLongBits(viaEnsemble.mean()[0]));
        assertEquals(direct.steps(), viaEnsemble.steps());
    }

    @Test
    void badTolerancesAreRefusedInOneLine() {
        AdaptiveEnsemble e = AdaptiveEnsemble.of(GBM.problem(), Milstein.ITO);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> e.tolerances(0, 0));
        assertTrue(zero.getMessage().startsWith("atol = 0.0, rtol = 0.0: tolerances must be"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.tolerances(-1e-3, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> e.tolerances(Double.NaN, 1e-3));
    }

    @Test
    void failedPathsAreCountedAndTheFirstIsNamed() {
        // dtMin = 2^-8 with tol 1e-2: Milstein needs finer steps on some paths of gbm (13 of 500), not on all.
        StepControl control = new StepControl(1e-2, 1e-2, Math.scalb(1.0, -8), 1, 1.0 / 64);
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM.problem(), Milstein.ITO).stepControl(control).paths(500).seed(2);
        StepFailedException e = assertThrows(StepFailedException.class, job::run);
        Matcher count = Pattern.compile("(\\d+) of 500 paths failed; the first: step failed at t = \\S+ \\(path (\\d+)\\):"
                + " the step size would fall below ").matcher(e.getMessage());
        assertTrue(count.find(), e.getMessage());
        int failed = Integer.parseInt(count.group(1));
        assertTrue(failed > 0 && failed < 500, e.getMessage());
        // The first failing path is the lowest-numbered one, for any thread count.
        StepFailedException again = assertThrows(StepFailedException.class, () -> job.threads(1).run());
        assertEquals(e.getMessage(), again.getMessage());
    }

    private static double meanAbsoluteError(double[] finals, Scheme scheme, long seed) {
        OnDemandBrownianPath brownian = OnDemandBrownianPath.of(1, scheme.needsSpaceTimeLevyArea(), seed);
        double[] w = new double[1];
        double[] exact = new double[1];
        double sum = 0;
        for (int p = 0; p < finals.length; p++) {
            brownian.reset(p, 0, new double[] {1});
            brownian.value(1, w, new double[1]);
            GBM.exactSolution(1, w, exact);
            sum += Math.abs(finals[p] - exact[0]);
        }
        return sum / finals.length;
    }

    private static double[] logs(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log(values[i]);
        }
        return out;
    }

    static double meanOf(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v) {
        double mean = meanOf(v);
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}
