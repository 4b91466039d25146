package org.sde4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Schemes;

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
    void exactSolutionsStartAtTheInitialStateAndMomentsAgreeWithThem() {
        for (TestProblem p : Problems.all()) {
            SdeProblem problem = p.problem();
            int d = problem.dimension();
            assertEquals(Calculus.ITO, p.calculus(), p.name());
            p.exactMean(0).ifPresent(mean -> {
                for (int i = 0; i < d; i++) {
                    assertEquals(problem.x0()[i], mean[i], 1e-14, p.name());
                }
            });
            p.exactVariance(0).ifPresent(variance -> {
                for (int i = 0; i < d; i++) {
                    assertEquals(0, variance[i], 1e-14, p.name());
                }
            });
            p.solution().ifPresent(s -> {
                double[] out = new double[d];
                s.value(0, new double[problem.sde().noiseDimension()], out);
                assertEquals(problem.x0()[0], out[0], 1e-14, p.name());
                if (problem.sde().noiseDimension() > 1) {
                    return;
                }
                // The exact moments are E F(t, W_t) and Var F(t, W_t): compare with quadrature.
                double t = problem.t1();
                double[] x = new double[1];
                double mean = GaussianExpectation.of(w -> {
                    s.value(t, new double[] {w}, x);
                    return x[0];
                }, t);
                double second = GaussianExpectation.of(w -> {
                    s.value(t, new double[] {w}, x);
                    return x[0] * x[0];
                }, t);
                assertEquals(mean, p.exactMean(t).orElseThrow()[0], 1e-12, p.name());
                assertEquals(second - mean * mean, p.exactVariance(t).orElseThrow()[0], 1e-10 * second, p.name());
            });
        }
    }

    @Test
    void gbmWithTwoNoisesUsesBothBrownianMotions() {
        TestProblem p = Problems.gbm2noise();
        double[] out = new double[1];
        p.solution().orElseThrow().value(5, new double[] {0.3, -0.2}, out);
        assertEquals(Math.exp((-0.02 - 2.5) * 5 + 0.3 - 0.4), out[0], 1e-15);
        assertEquals(Math.exp(-0.1), p.exactMean(5).orElseThrow()[0], 1e-15);
        assertEquals(Math.exp(-0.2) * Math.expm1(25), p.exactVariance(5).orElseThrow()[0], 1e-9 * Math.exp(25));
    }

    @Test
    void matrixExponentialOfARotationGenerator() {
        double theta = 2.5;
        double[][] e = Matrices.exp(new double[][] {{-1, theta}, {-theta, -1}});
        double decay = Math.exp(-1);
        assertEquals(decay * Math.cos(theta), e[0][0], 1e-14);
        assertEquals(decay * Math.sin(theta), e[0][1], 1e-14);
        assertEquals(-decay * Math.sin(theta), e[1][0], 1e-14);
        assertEquals(decay * Math.cos(theta), e[1][1], 1e-14);
    }

    /**
     * The linear system's exact mean and variance against an Euler–Maruyama ensemble (fixed seed; 40 000
     * paths, 400 steps, so the scheme's weak bias, O(Δt), is far below the tolerance of 4 standard errors
     * plus 0.01).
     */
    @Test
    void linearSystemMomentsAgreeWithAnEnsemble() {
        TestProblem p = Problems.linear2d();
        EnsembleResult r = Ensemble.of(p.problem(), Schemes.byName("euler-maruyama")).steps(400).paths(40_000)
                .seed(5).threads(2).run();
        double[] mean = p.exactMean(1).orElseThrow();
        double[] variance = p.exactVariance(1).orElseThrow();
        double[] sd = r.standardDeviation();
        for (int i = 0; i < 2; i++) {
            assertEquals(mean[i], r.mean()[i], 4 * r.standardError()[i] + 0.01, "mean " + i);
            assertEquals(variance[i], sd[i] * sd[i], 0.05 * variance[i] + 0.002, "variance " + i);
        }
        assertTrue(variance[0] > 0.01 && variance[1] > 0.01, "the noise is not negligible");
    }

    @Test
    void declaredNoiseStructures() {
        assertEquals(NoiseStructure.SCALAR, Problems.gbm().noise());
        assertEquals(NoiseStructure.ADDITIVE, Problems.ou().noise());
        assertEquals(NoiseStructure.ADDITIVE, Problems.additive().noise());
        assertEquals(NoiseStructure.COMMUTATIVE, Problems.gbm2noise().noise());
        assertEquals(NoiseStructure.SCALAR, Problems.logistic().noise());
        assertEquals(NoiseStructure.GENERAL, Problems.linear2d().noise());
        assertTrue(Problems.ou().solution().isEmpty());
        assertTrue(Problems.logistic().solution().isEmpty());
        assertTrue(Problems.logistic().exactMean(1).isEmpty());
        assertEquals(List.of("gbm", "ou", "cubic", "wave", "additive", "gbm-2noise", "logistic", "linear-2d"),
                Problems.names());
    }

    @Test
    void askingForAMissingExactSolutionNamesTheProblemAndTheAlternative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Problems.logistic().requireSolution());
        assertTrue(e.getMessage().contains("problem = logistic") && e.getMessage().contains("reference"), e.getMessage());
    }
}
