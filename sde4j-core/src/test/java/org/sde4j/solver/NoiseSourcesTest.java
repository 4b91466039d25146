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
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.engine.Solver;
import org.sde4j.solver.scheme.Schemes;

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
     * The block engine's draws: after one Euler step of {@code dX_i = μ X_i dt + σ X_i dW_i} every path is
     * {@code x0 + μ x0 h + σ x0 √h (L Z)_i} with Z the block stream's first m rows and L the problem's factor: the
     * Cholesky factor (correlated in place), and for a singular correlation whose Cholesky factorisation breaks
     * down the full factor from the eigen-decomposition.
     */
    @Test
    void blockEngineDrawsLTimesTheBlocksNormals() {
        double r = CorrelatedGbm.RHO;
        double[][] lower = oneEulerStepAgainstLz(NoiseProcess.correlation(new double[][] {{1, r}, {r, 1}}));
        assertEquals(0.0, lower[0][1]);
        assertEquals(Math.sqrt(1 - r * r), lower[1][1], 1e-15);
        // R_ij = cos(θ_i − θ_j), θ = (0, 1, 2): rank 2, and the Cholesky pivot of the third row comes out negative.
        double[][] rank2 = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rank2[i][j] = i == j ? 1 : Math.cos(Math.min(i, j) - Math.max(i, j));
            }
        }
        double[][] full = oneEulerStepAgainstLz(NoiseProcess.correlation(rank2));
        assertTrue(full[0][1] != 0 || full[0][2] != 0 || full[1][2] != 0, "a full factor");
    }

    private static double[][] oneEulerStepAgainstLz(CorrelatedNoise noise) {
        int m = noise.dimension();
        double mu = 0.1;
        double sigma = 0.4;
        org.sde4j.sde.Sde sde = org.sde4j.sde.Sde.builder(m, m).drift((t, x, out) -> {
            for (int i = 0; i < m; i++) {
                out[i] = mu * x[i];
            }
        }).diagonalDiffusion((t, x, out) -> {
            for (int i = 0; i < m; i++) {
                out[i] = sigma * x[i];
            }
        }).build();
        double[] x0 = new double[m];
        for (int i = 0; i < m; i++) {
            x0[i] = 1 + i;
        }
        SdeProblem p = new SdeProblem(sde, x0, 0, 1).withNoise(noise);
        int stride = 64;
        double h = 0.5;
        BlockSolver solver = new BlockSolver(p, EM, TimeGrid.uniform(0, 1, 2), stride, 1);
        double[][] states = new double[stride][m];
        solver.solveBlock(7, 3, stride, (s, x, n, str) -> {
            for (int q = 0; q < n; q++) {
                for (int i = 0; i < m; i++) {
                    states[q][i] = x[i * str + q];
                }
            }
        });
        double[] z = new double[m * stride];
        BoxMullerStream.of(7, 3).nextGaussians(z, 0, m * stride);
        double[][] l = noise.factor();
        double[][] c = noise.covariance();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double llt = 0;
                for (int k = 0; k < m; k++) {
                    llt += l[i][k] * l[j][k];
                }
                assertEquals(c[i][j], llt, 1e-12, "L Lᵀ = C at " + i + ", " + j);
            }
        }
        for (int q = 0; q < stride; q++) {
            for (int i = 0; i < m; i++) {
                double w = 0;
                for (int j = 0; j < m; j++) {
                    w += l[i][j] * z[j * stride + q];
                }
                double expected = x0[i] + mu * x0[i] * h + sigma * x0[i] * Math.sqrt(h) * w;
                assertEquals(expected, states[q][i], 1e-14 * Math.abs(x0[i]) * 4, "path " + q + ", component " + i);
            }
        }
        return l;
    }
}
