package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/** Bad input is an {@link IllegalArgumentException} whose message names the parameter, the value and what is allowed. */
class BadInputTest {
    private static final TestProblem GBM = Problems.gbm();
    private static final Scheme EM = Schemes.byName("euler-maruyama");

    private static void rejects(Executable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
        }
    }

    private static StrongError strong() {
        return StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution());
    }

    @Test
    void fewerThanThreeStepSizes() {
        rejects(() -> strong().steps(16, 32), "2 given", "at least 3 step sizes");
        rejects(() -> strong().stepSizes(0.1), "1 given", "at least 3");
        rejects(() -> strong().halvings(16, 2), "2 given");
    }

    @Test
    void stepSizesThatDoNotDecrease() {
        rejects(() -> strong().steps(16, 64, 32), "must decrease strictly", "dts[2] = 0.03125", "dts[1] = 0.015625");
        rejects(() -> strong().stepSizes(0.1, 0.05, 0.05), "must decrease strictly", "dts[2] = 0.05");
        rejects(() -> strong().stepSizes(0.1, 0.05, 0.03), "dts[2] = 0.03", "whole number of steps");
        rejects(() -> strong().steps(16, 32, 0), "steps[2] = 0", "positive");
    }

    @Test
    void zeroPaths() {
        rejects(() -> strong().paths(0), "paths = 0", "positive");
    }

    @Test
    void exactSolutionOfAProblemWithoutOne() {
        TestProblem logistic = Problems.logistic();
        rejects(() -> StrongError.of(logistic.problem(), EM).exact(logistic.solution().orElse(null)),
                "no exact pathwise solution", "reference(scheme)");
        rejects(logistic::requireSolution, "problem = logistic");
        rejects(() -> StrongError.of(logistic.problem(), EM).steps(16, 32, 64).run(), "exact(solution) or reference");
    }

    @Test
    void aFunctionalReturningNonFiniteValues() {
        rejects(() -> WeakError.of(GBM.problem(), EM, x -> Math.log(x[0] - 100)).exactExpectation(1).steps(4, 8, 16)
                .paths(20).run(), "functional = NaN", "path 0", "must be finite");
        rejects(() -> WeakError.of(GBM.problem(), EM, x -> x[0]).exactExpectation(Double.NaN), "exact expectation = NaN");
    }

    @Test
    void twoPointIncrementsNeedAnExactExpectation() {
        rejects(() -> WeakError.of(GBM.problem(), EM, x -> x[0]).reference(EM).twoPointIncrements().run(),
                "two-point increments");
    }

    @Test
    void badToleranceInAnAssertion() {
        rejects(() -> ConvergenceAssertions.assertStrongOrder(GBM.problem(), GBM.requireSolution(), EM, 0.5, 0),
                "tolerance = 0.0");
        rejects(() -> ConvergenceAssertions.assertStrongOrder(GBM.problem(), null, EM, 0.5, 0.1), "exact solution is null");
    }

    @Test
    void schemeThatDoesNotSupportTheProblem() {
        rejects(() -> StrongError.of(Problems.linear2d().problem(), Schemes.byName("milstein")), "general noise");
    }
}
