package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.CorrelatedBrownianMotion;
import org.sde4j.brownian.NoiseDrivenIncrements;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.brownian.StreamingIteratedIntegrals;
import org.sde4j.brownian.StreamingLevyAreaIncrements;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.problems.Problems;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.CorrelatedNoise;
import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.SdeProblem;

/** The one chooser of noise sources: the kinds schemes need, the problem's noise law, and what it refuses. */
class NoiseSourcesTest {
    private static final Scheme EM = Schemes.byName("euler-maruyama");
    private static final Scheme SRIW1 = Schemes.byName("sriw1");
    private static final Scheme MILSTEIN = Schemes.byName("milstein");

    /** The reported bug: the documented single-path call with a scheme that needs the space-time Lévy area. */
    @Test
    void sriw1SolvesOnePathWithTheSchemesOwnSourceAsPathZeroOfAnEnsemble() {
        SdeProblem gbm = Problems.gbm().problem();
        double[] x = Solver.solveToEnd(gbm, SRIW1, 64, Solver.brownian(gbm, SRIW1, 42));
        assertTrue(Double.isFinite(x[0]) && x[0] > 0, "x = " + x[0]);
        assertArrayEquals(x, Solver.solveToEnd(gbm, SRIW1, 64, 42L));
        double ensemblePath0 = Ensemble.of(gbm, SRIW1).steps(64).paths(1).seed(42).perPathStreams()
                .keepFinalStates(true).threads(1).run().finalState(0, 0);
        assertEquals(Double.doubleToRawLongBits(ensemblePath0), Double.doubleToRawLongBits(x[0]));
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> Solver.solveToEnd(gbm, SRIW1, 64, Solver.streamingBrownian(gbm, 42)));
        assertTrue(plain.getMessage().contains("Solver.brownian(problem, scheme, seed)"), plain.getMessage());
    }

    @Test
    void plainSchemesGetTheStreamingIncrementsBitForBit() {
        SdeProblem gbm = Problems.gbm().problem();
        for (Scheme s : new Scheme[] {EM, MILSTEIN, Schemes.byName("implicit-euler-maruyama")}) {
            assertArrayEquals(Solver.solveToEnd(gbm, s, 100, Solver.streamingBrownian(gbm, 9)),
                    Solver.solveToEnd(gbm, s, 100, Solver.brownian(gbm, s, 9)), s.name());
        }
    }

    /** The kinds {@code Ensemble.execute} chose by itself before, now from one function. */
    @Test
    void kindsFollowWhatTheSchemeNeeds() {
        SdeProblem gbm = Problems.gbm().problem();
        assertInstanceOf(StreamingBrownianIncrements.class, NoiseSources.forScheme(gbm, EM).create(1, 0, 1));
        assertInstanceOf(StreamingLevyAreaIncrements.class, NoiseSources.forScheme(gbm, SRIW1).create(1, 0, 1));
        assertInstanceOf(NoiseDrivenIncrements.class,
                NoiseSources.forScheme(gbm, Schemes.byName("weak-euler")).create(1, 0, 1));
        SdeProblem twoNoises = Problems.gbm2noise().problem();
        assertInstanceOf(StreamingIteratedIntegrals.class,
                NoiseSources.forScheme(twoNoises, Schemes.byName("milstein-general")).create(1, 0, 2));
        assertEquals(NoiseSources.Kind.INCREMENTS, NoiseSources.kind(1, Schemes.byName("milstein-general")));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> NoiseSources.kind(2, SRIW1, Schemes.byName("milstein-general")));
        assertTrue(both.getMessage().contains("separate studies"), both.getMessage());
    }

    @Test
    void correlatedNoiseWrapsEverySourceAndIsRefusedWhereItWouldBeWrong() {
        SdeProblem correlated = CorrelatedGbm.problem();
        assertInstanceOf(CorrelatedBrownianMotion.class, Solver.streamingBrownian(correlated, 3));
        assertInstanceOf(CorrelatedBrownianMotion.class, Solver.brownian(correlated, MILSTEIN, 3));
        for (String name : new String[] {"euler-maruyama", "heun", "milstein", "milstein-df", "weak-euler",
                "platen-weak2", "implicit-euler-maruyama", "implicit-milstein"}) {
            Scheme s = Schemes.byName(name);
            SdeProblem p = s.calculus() == correlated.sde().calculus() ? correlated
                    : correlated.withSde(correlated.sde().interpretedIn(s.calculus()));
            assertDoesNotThrow(() -> NoiseSources.requireSupported(p, s), name);
        }
        IllegalArgumentException sri = assertThrows(IllegalArgumentException.class,
                () -> Solver.solveToEnd(correlated, SRIW1, 16, 1L));
        assertTrue(sri.getMessage().contains("sriw1") && sri.getMessage().contains("cannot be driven by correlated"),
                sri.getMessage());
        SdeProblem scaled = CorrelatedGbm.problem(NoiseProcess.covariance(new double[][] {{2, 0.6}, {0.6, 0.5}}));
        IllegalArgumentException milstein = assertThrows(IllegalArgumentException.class,
                () -> Ensemble.of(scaled, MILSTEIN).paths(10).run());
        assertTrue(milstein.getMessage().contains("unit variances") && milstein.getMessage().contains("[2.0, 0.5]"),
                milstein.getMessage());
        assertDoesNotThrow(() -> NoiseSources.requireSupported(scaled, EM));
        assertTrue(BlockSolver.supports(correlated, MILSTEIN) && BlockSolver.supports(scaled, EM));
        assertTrue(!BlockSolver.supports(scaled, MILSTEIN) && !BlockSolver.supports(correlated, SRIW1));
    }

    /** An identity correlation is independent noise: the same sources, objects and bits. */
    @Test
    void identityCorrelationIsIndependentNoise() {
        SdeProblem identity = CorrelatedGbm.problem(NoiseProcess.correlation(new double[][] {{1, 0}, {0, 1}}));
        SdeProblem independent = CorrelatedGbm.problem(NoiseProcess.independent());
        assertNull(NoiseSources.correlated(identity));
        assertInstanceOf(StreamingBrownianIncrements.class, Solver.streamingBrownian(identity, 1));
        org.sde4j.brownian.BrownianSourceFactory f = org.sde4j.brownian.BrownianSourceFactory.gaussian();
        assertSame(f, NoiseSources.honouring(identity, f));
        assertArrayEquals(Ensemble.of(independent, EM).paths(300).seed(5).run().mean(),
                Ensemble.of(identity, EM).paths(300).seed(5).run().mean());
    }

    /**
     * The block engine's draws: after one Euler step every path is {@code x0 + μ x0 h + σ x0 √h (L Z)} with Z the
     * block stream's first m rows, L the problem's Cholesky factor.
     */
    @Test
    void blockEngineDrawsLTimesTheBlocksNormals() {
        SdeProblem p = CorrelatedGbm.problem();
        int stride = 64;
        double h = 0.5;
        BlockSolver solver = new BlockSolver(p, EM, TimeGrid.uniform(0, 1, 2), stride, 1);
        double[][] states = new double[stride][2];
        solver.solveBlock(7, 3, stride, (s, x, n, str) -> {
            for (int q = 0; q < n; q++) {
                states[q][0] = x[q];
                states[q][1] = x[str + q];
            }
        });
        double[] z = new double[2 * stride];
        BoxMullerStream.of(7, 3).nextGaussians(z, 0, 2 * stride);
        double[][] l = ((CorrelatedNoise) p.noise()).factor();
        assertEquals(0.0, l[0][1]);
        assertEquals(Math.sqrt(1 - CorrelatedGbm.RHO * CorrelatedGbm.RHO), l[1][1], 1e-15);
        for (int q = 0; q < stride; q++) {
            double w0 = l[0][0] * z[q];
            double w1 = l[1][0] * z[q] + l[1][1] * z[stride + q];
            for (int i = 0; i < 2; i++) {
                double x0 = CorrelatedGbm.X0[i];
                double expected = x0 + CorrelatedGbm.MU[i] * x0 * h + CorrelatedGbm.SIGMA[i] * x0 * Math.sqrt(h)
                        * (i == 0 ? w0 : w1);
                assertEquals(expected, states[q][i], 1e-14 * Math.abs(expected), "path " + q + ", component " + i);
            }
        }
    }
}
