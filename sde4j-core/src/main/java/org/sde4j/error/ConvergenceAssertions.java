package org.sde4j.error;

import java.util.Locale;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;

/**
 * Convergence-order assertions for a user's own test suite (JUnit or any other: a failure is a plain
 * {@link AssertionError}, so sde4j needs no test framework).
 *
 * <pre>{@code
 * @Test
 * void myMilsteinHasStrongOrderOne() {
 *     ConvergenceAssertions.assertStrongOrder(problem, exactSolution, scheme, 1.0, 0.1);
 * }
 * }</pre>
 *
 * <p>An assertion passes when the fitted order (least-squares slope of log error against log Δt) lies
 * within {@code expected ± tolerance} <em>and</em> the 95 % bootstrap interval of that order is no wider
 * than {@code 2 · tolerance}: a study too noisy to decide fails as inconclusive instead of passing by
 * luck. The failure message is the study's full report — the table of Δt, error, standard error and
 * local orders, the fitted order with its interval and the pairwise estimate — and says which
 * condition failed and what to change.
 *
 * <p>The short forms use fixed settings (seed {@value #SEED}, so a test is deterministic): strong
 * errors at the final time over {@value #STRONG_PATHS} paths at Δt = T/64 … T/1024 (where the
 * pre-asymptotic bias of the slope is small); weak errors over {@value #WEAK_PATHS} paths at
 * Δt = T/8 … T/128, with the exact solution's {@code φ(X(T))} as control variate. For other settings
 * configure a {@link StrongError} or {@link WeakError} and call
 * {@link #assertOrder(ConvergenceStudy, double, double)}.
 */
public final class ConvergenceAssertions {
    /** The seed of the short forms. */
    public static final long SEED = 20011;
    /** Paths of the short strong-order form. */
    public static final long STRONG_PATHS = 2000;
    /** Paths of the short weak-order form. */
    public static final long WEAK_PATHS = 40_000;

    private ConvergenceAssertions() {
    }

    /**
     * Asserts the strong order of {@code scheme} on {@code problem} against its exact solution.
     *
     * @return the study, for further checks
     * @throws AssertionError           with the report, when the order is off or the estimate too noisy
     * @throws IllegalArgumentException when {@code exact} is null, the tolerance is not positive, or the
     *                                  scheme does not support the problem
     */
    public static ConvergenceResult assertStrongOrder(SdeProblem problem, PathwiseSolution exact, Scheme scheme,
            double expectedOrder, double tolerance) {
        return assertOrder(StrongError.of(problem, scheme).exact(exact).halvings(64, 5).paths(STRONG_PATHS).seed(SEED),
                expectedOrder, tolerance);
    }

    /**
     * Asserts the weak order of {@code scheme} on {@code problem} for {@code φ}, against the exact
     * {@code E φ(X_T)}, with {@code φ(X(T))} of the exact solution on the same path as control variate
     * ({@link ControlVariate#ofExactSolution}).
     *
     * @return the study, for further checks
     * @throws AssertionError with the report, when the order is off or the estimate too noisy
     */
    public static ConvergenceResult assertWeakOrder(SdeProblem problem, PathwiseSolution exact, Scheme scheme,
            Functional functional, double exactExpectation, double expectedOrder, double tolerance) {
        Require.nonNull("problem", problem);
        if (exact == null) {
            throw new IllegalArgumentException("exact solution is null: this short form needs the exact pathwise"
                    + " solution for its control variate; configure a WeakError and call assertOrder(study, ...)");
        }
        return assertOrder(WeakError.of(problem, scheme, functional).exactExpectation(exactExpectation)
                .controlVariate(ControlVariate.ofExactSolution(exact, functional, problem.dimension(), exactExpectation))
                .halvings(8, 5).paths(WEAK_PATHS).seed(SEED), expectedOrder, tolerance);
    }

    /** Runs a configured study and asserts its order (see the class description). */
    public static ConvergenceResult assertOrder(ConvergenceStudy<?> study, double expectedOrder, double tolerance) {
        Require.nonNull("study", study);
        check(expectedOrder, tolerance);
        return assertOrder(study.run(), expectedOrder, tolerance);
    }

    /**
     * Asserts the order of a result already computed.
     *
     * @return {@code result}
     */
    public static ConvergenceResult assertOrder(ConvergenceResult result, double expectedOrder, double tolerance) {
        Require.nonNull("result", result);
        check(expectedOrder, tolerance);
        OrderEstimate q = result.order();
        String problem = null;
        if (!Double.isFinite(q.order())) {
            problem = "no order could be fitted: fewer than two levels have a positive, finite error";
        } else if (Math.abs(q.order() - expectedOrder) > tolerance) {
            problem = String.format(Locale.ROOT, "fitted order %.3f is outside %.3f ± %.3f", q.order(), expectedOrder,
                    tolerance);
        } else if (!(q.width() <= 2 * tolerance)) {
            problem = String.format(Locale.ROOT, "inconclusive: the 95 %% interval [%.3f, %.3f] is wider than the"
                    + " tolerance band (2 × %.3f); use more paths or larger step sizes", q.low(), q.high(), tolerance);
        }
        if (problem != null) {
            throw new AssertionError(result.kind() + " order of " + result.scheme() + ": " + problem + "\n"
                    + result.report());
        }
        return result;
    }

    private static void check(double expectedOrder, double tolerance) {
        Require.finite("expectedOrder", expectedOrder);
        Require.positive("tolerance", tolerance);
    }
}
