package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.Scheme;

/**
 * Property: for random GBM and OU parameters, the ensemble mean agrees with the exact mean within 4
 * standard errors. Each case's parameters and ensemble seed come from a case seed (printed on failure),
 * so every run checks the same cases: no flakiness. (Under a correct engine each case would fail with
 * probability 6e-5; with 40 fixed cases the chosen seeds simply pass or fail deterministically.)
 *
 * <p>Two comparisons per case: Euler–Maruyama against the mean of the <em>discrete</em> scheme, which is
 * known exactly for these linear SDEs ({@code E X_N = X0 (1 + a h)^N} for GBM, {@code X0 (1 − θ h)^N}
 * for OU) and so tests the random streams and the ensemble without any discretisation bias; and
 * Milstein against the exact SDE mean with a step small enough that the O(h) bias is below 0.1 standard
 * errors.
 */
class EnsembleMeanProperties {
    private static final long PATHS = 8192;
    private static final int STEPS = 64;

    static Stream<Long> caseSeeds() {
        return LongStream.rangeClosed(1, 20).boxed();
    }

    @ParameterizedTest(name = "gbm case seed {0}")
    @MethodSource("caseSeeds")
    void gbmMeanMatchesExactMeans(long caseSeed) {
        SplittableRandom random = new SplittableRandom(caseSeed);
        double a = random.nextDouble(-1, 1);
        double b = random.nextDouble(0.05, 0.8);
        double x0 = random.nextDouble(0.5, 2);
        double t1 = random.nextDouble(0.25, 1.5);
        TestProblem gbm = Problems.gbm(a, b, x0, t1);
        String context = String.format("case seed %d: a=%s b=%s x0=%s t1=%s", caseSeed, a, b, x0, t1);
        double h = t1 / STEPS;
        checkMean(gbm, EulerMaruyama.INSTANCE, STEPS, x0 * Math.pow(1 + a * h, STEPS), caseSeed, context);
        checkMean(gbm, Milstein.ITO, 2048, gbm.exactMean(t1).orElseThrow()[0], caseSeed, context);
    }

    @ParameterizedTest(name = "ou case seed {0}")
    @MethodSource("caseSeeds")
    void ouMeanMatchesExactMeans(long caseSeed) {
        SplittableRandom random = new SplittableRandom(1000 + caseSeed);
        double theta = random.nextDouble(0.1, 3);
        double sigma = random.nextDouble(0.05, 1);
        double x0 = random.nextDouble(-2, 2);
        double t1 = random.nextDouble(0.25, 2);
        TestProblem ou = Problems.ou(theta, sigma, x0, t1);
        String context = String.format("case seed %d: theta=%s sigma=%s x0=%s t1=%s", caseSeed, theta, sigma, x0, t1);
        double h = t1 / STEPS;
        checkMean(ou, EulerMaruyama.INSTANCE, STEPS, x0 * Math.pow(1 - theta * h, STEPS), caseSeed, context);
        checkMean(ou, EulerMaruyama.INSTANCE, 4096, ou.exactMean(t1).orElseThrow()[0], caseSeed, context);
    }

    private static void checkMean(TestProblem problem, Scheme scheme, int steps, double expected, long seed,
            String context) {
        EnsembleResult r = Ensemble.of(problem.problem(), scheme).steps(steps).paths(PATHS).seed(seed).run();
        double mean = r.mean()[0];
        double se = r.standardError()[0];
        assertTrue(Math.abs(mean - expected) <= 4 * se, () -> String.format("%s, %s with %d steps: mean %s, expected %s,"
                + " standard error %s (%.2f se off)", context, scheme.name(), steps, mean, expected, se,
                (mean - expected) / se));
    }
}
