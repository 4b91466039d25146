package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.Solver;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.Schemes;

/**
 * Every bad input named in the contract raises an unchecked exception whose message names the
 * parameter, the value and what is allowed.
 */
class BadInputTest {
    private static final Sde GBM = Problems.gbm().problem().sde();
    private static final SdeProblem GBM_PROBLEM = Problems.gbm().problem();

    private static void assertMessage(Class<? extends RuntimeException> type, Executable call, String... fragments) {
        RuntimeException e = assertThrows(type, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void nonFiniteInitialState() {
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(GBM, Double.NaN, 0, 1), "x0[0] = NaN", "finite");
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(GBM, Double.POSITIVE_INFINITY, 0, 1),
                "x0[0] = Infinity");
        assertMessage(IllegalArgumentException.class, () -> new SdeProblem(GBM, new double[] {1, 2}, 0, 1),
                "x0 has length 2", "length 1");
    }

    @Test
    void endTimeNotAfterStartTime() {
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(GBM, 1, 1, 1), "t1 = 1.0", "greater than t0 = 1.0");
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(GBM, 1, 0, -1), "t1 = -1.0");
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(GBM, 1, 0, Double.NaN), "t1 = NaN");
    }

    @Test
    void nonPositiveStepsPathsAndStepSizes() {
        assertMessage(IllegalArgumentException.class, () -> TimeGrid.uniform(0, 1, 0), "steps = 0", "positive");
        assertMessage(IllegalArgumentException.class, () -> TimeGrid.withStepSize(0, 1, -0.1), "dt = -0.1");
        assertMessage(IllegalArgumentException.class, () -> Ensemble.of(GBM_PROBLEM, EulerMaruyama.INSTANCE).steps(-3),
                "steps = -3");
        assertMessage(IllegalArgumentException.class, () -> Ensemble.of(GBM_PROBLEM, EulerMaruyama.INSTANCE).paths(0),
                "paths = 0");
        assertMessage(IllegalArgumentException.class, () -> Ensemble.of(GBM_PROBLEM, EulerMaruyama.INSTANCE).threads(0),
                "threads = 0");
        assertMessage(IllegalArgumentException.class, () -> Ensemble.of(GBM_PROBLEM, EulerMaruyama.INSTANCE).blockSize(100),
                "blockSize = 100", "multiple of " + Ensemble.CHUNK);
    }

    @Test
    void driftOrDiffusionOfTheWrongDimension() {
        Sde tooLong = Sde.builder(1, 1)
                .drift((t, x, out) -> {
                    out[0] = x[0];
                    out[1] = 0;
                })
                .scalarDiffusion((t, x, out) -> out[0] = 1)
                .build();
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(tooLong, 1, 0, 1), "drift", "d = 1");
        Sde tooShort = Sde.builder(2, 2)
                .drift((t, x, out) -> out[0] = x[0])
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 1;
                    out[1] = 1;
                })
                .build();
        assertMessage(IllegalArgumentException.class, () -> new SdeProblem(tooShort, new double[] {1, 1}, 0, 1),
                "drift", "d = 2", "entry 1");
        Sde noiseTooLong = Sde.builder(1, 1)
                .drift((t, x, out) -> out[0] = 0)
                .diffusion((t, x, dw, out) -> out[0] = dw[0] + dw[1], NoiseStructure.GENERAL)
                .build();
        assertMessage(IllegalArgumentException.class, () -> SdeProblem.of(noiseTooLong, 1, 0, 1), "diffusion", "m = 1");
    }

    @Test
    void noiseStructureTheSchemeDoesNotSupport() {
        Sde general = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = 0;
                    out[1] = 0;
                })
                .diffusion((t, x, dw, out) -> {
                    out[0] = x[1] * dw[0];
                    out[1] = x[0] * dw[1];
                }, NoiseStructure.GENERAL)
                .build();
        SdeProblem problem = new SdeProblem(general, new double[] {1, 1}, 0, 1);
        assertMessage(IllegalArgumentException.class, () -> Ensemble.of(problem, Milstein.ITO), "milstein",
                "supports scalar, diagonal, additive", "general noise");
        Sde scalar3d = Sde.builder(3, 1)
                .drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .scalarDiffusion((t, x, out) -> System.arraycopy(x, 0, out, 0, 3))
                .build();
        assertMessage(IllegalArgumentException.class, () -> Milstein.ITO.newStepper(scalar3d), "scalar noise with d = 3",
                "milstein-df");
        // Euler–Maruyama handles general noise.
        Ensemble.of(problem, EulerMaruyama.INSTANCE).paths(10).run();
    }

    @Test
    void calculusTheSchemeDoesNotSupport() {
        Sde stratonovich = GBM.interpretedIn(Calculus.STRATONOVICH);
        assertMessage(IllegalArgumentException.class, () -> EulerMaruyama.INSTANCE.newStepper(stratonovich),
                "euler-maruyama", "Itô", "Stratonovich", "convertedTo");
        assertMessage(IllegalArgumentException.class, () -> Milstein.STRATONOVICH.newStepper(GBM), "milstein-strat");
    }

    @Test
    void milsteinWithoutDerivative() {
        Sde noDerivative = Sde.scalar((t, x) -> x, (t, x) -> x);
        assertMessage(IllegalArgumentException.class, () -> Milstein.ITO.newStepper(noDerivative), "derivative", "milstein-df");
        DerivativeFreeMilstein.ITO.newStepper(noDerivative);
    }

    @Test
    void unknownNames() {
        assertMessage(IllegalArgumentException.class, () -> Schemes.byName("rk45"), "scheme = rk45", "euler-maruyama",
                "milstein-df-strat");
        assertMessage(IllegalArgumentException.class, () -> Problems.byName("heston"), "problem = heston", "gbm", "additive");
    }

    @Test
    void divergingSolveReportsTimeStepAndPath() {
        Sde explosive = Sde.scalar((t, x) -> x * x * x, (t, x) -> x);
        SdeProblem problem = SdeProblem.of(explosive, 10, 0, 10);
        SolveDivergedException single = assertThrows(SolveDivergedException.class,
                () -> Solver.solveToEnd(problem, EulerMaruyama.INSTANCE, 100, Solver.streamingBrownian(problem, 1)));
        assertEquals(-1, single.path());
        assertTrue(single.step() >= 1 && single.step() < 100, single.getMessage());
        assertEquals(0.1 * (single.step() + 1), single.time(), 1e-12);
        assertTrue(single.getMessage().contains("t = ") && single.getMessage().contains("step " + single.step()),
                single.getMessage());
        SolveDivergedException ensemble = assertThrows(SolveDivergedException.class,
                () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(100).paths(1000).threads(2).seed(1).run());
        assertEquals(0, ensemble.path(), "the lowest diverging path is reported");
        assertTrue(ensemble.getMessage().contains("path 0"), ensemble.getMessage());
    }

    @Test
    void saveTimesOutsideTheSpan() {
        assertMessage(IllegalArgumentException.class,
                () -> Ensemble.of(GBM_PROBLEM, EulerMaruyama.INSTANCE).saveAt(2.0).run(), "save time = 2.0", "[0.0, 1.0]");
    }
}
