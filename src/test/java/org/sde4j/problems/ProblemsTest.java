package org.sde4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;

class ProblemsTest {
    @Test
    void gaussHermiteExpectationIsExactForTheLognormalMean() {
        for (double b : new double[] {0.1, 0.87, 2.0}) {
            for (double t : new double[] {0.1, 1.0, 5.0}) {
                double exact = Math.exp(0.5 * b * b * t);
                assertEquals(exact, GaussianExpectation.of(w -> Math.exp(b * w), t), 1e-12 * exact, "b=" + b + " t=" + t);
            }
        }
    }

    @Test
    void exactSolutionsStartAtTheInitialStateAndMeansAgreeWithThem() {
        for (TestProblem p : Problems.all()) {
            SdeProblem problem = p.problem();
            assertEquals(Calculus.ITO, problem.sde().calculus(), p.name());
            assertEquals(problem.x0()[0], p.exactMean(0).orElseThrow()[0], 1e-14, p.name());
            p.solution().ifPresent(s -> {
                double[] out = new double[1];
                s.value(0, new double[] {0}, out);
                assertEquals(problem.x0()[0], out[0], 1e-14, p.name());
                // The exact mean is E F(t, W_t): compare with quadrature of the pathwise solution.
                double t = problem.t1();
                double quadrature = GaussianExpectation.of(w -> {
                    double[] x = new double[1];
                    s.value(t, new double[] {w}, x);
                    return x[0];
                }, t);
                assertEquals(quadrature, p.exactMean(t).orElseThrow()[0], 1e-12, p.name());
            });
        }
    }

    @Test
    void declaredNoiseStructures() {
        assertEquals(NoiseStructure.SCALAR, Problems.gbm().problem().sde().noise());
        assertEquals(NoiseStructure.ADDITIVE, Problems.ou().problem().sde().noise());
        assertEquals(NoiseStructure.ADDITIVE, Problems.additive().problem().sde().noise());
        assertTrue(Problems.ou().solution().isEmpty());
        assertEquals(5, Problems.names().size());
    }
}
