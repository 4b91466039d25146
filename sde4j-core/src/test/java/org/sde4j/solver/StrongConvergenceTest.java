package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.StrongError;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;

/**
 * Measures each scheme's strong order against the exact solution on the same Brownian path and checks
 * it against the scheme's declaration, within ±0.1. Fixed seeds: the numbers are deterministic, and
 * a wrong scheme (a missing correction term, a wrong sign) moves the fitted slope well outside the band.
 *
 * <p>The pairs come from the registry ({@link OrderTestPlan#strongProblems}): every scheme on every problem
 * with an exact solution it supports, except the schemes a rule of {@link OrderTestPlan} leaves out. On a problem
 * that declares itself {@linkplain TestProblem#driftDominated drift-dominated} ({@code additive}, whose noise αβ =
 * 0.005 is so small that the drift part's error dominates: Heun shows order 2 there) the observed order must lie
 * between the declared strong order and the classical order, ±0.1.
 *
 * <p>Setup: {@link StrongError} with Δt = 2^-9 … 2^-5 on [0, 1], every level on the same Brownian path,
 * errors {@code E|X_N − X(T)|} over 2000 paths.
 */
class StrongConvergenceTest {
    private static final int[] STEPS = {32, 64, 128, 256, 512};
    private static final long PATHS = 2000;

    /** Every registered scheme on every strong test problem it supports ({@link OrderTestPlan#strongProblems}). */
    static Stream<Arguments> cases() {
        return Schemes.all().stream()
                .flatMap(s -> OrderTestPlan.strongProblems(s).stream().map(p -> Arguments.of(s, p.name())));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void fittedStrongOrderMatchesDeclaration(Scheme scheme, String problemName) {
        check(scheme, problemName);
    }

    /** The fitted strong order of {@code scheme} on the library problem is the declared one, ±0.1. */
    static void check(Scheme scheme, String problemName) {
        String schemeName = scheme.name();
        TestProblem test = Problems.byName(problemName);
        SdeProblem problem = test.problem();
        problem = problem.withSde(OrderTestPlan.inCalculusOf(problem.sde(), scheme));
        double theory = scheme.strongOrder(problem.sde().noise());
        ConvergenceResult study = StrongError.of(problem, scheme).exact(test.solution().orElseThrow())
                .steps(STEPS).paths(PATHS).seed(20261127L).threads(2).bootstrapResamples(0).run();
        double observed = study.order().order();
        if (test.driftDominated().isPresent()) {
            double classical = scheme.strongOrder(NoiseStructure.NONE);
            double ceiling = Math.max(theory, classical);
            assertTrue(observed >= theory - 0.1 && observed <= ceiling + 0.1, () -> schemeName + " on " + problemName
                    + ": observed " + observed + ", outside [strong " + theory + ", classical " + ceiling + "] ± 0.1 ("
                    + test.driftDominated().get() + ")\n" + study.report());
            return;
        }
        assertEquals(theory, observed, 0.1, () -> schemeName + " on " + problemName + "\n" + study.report());
    }
}
