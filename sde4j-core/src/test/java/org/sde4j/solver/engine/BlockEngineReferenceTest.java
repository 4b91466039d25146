package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.TimeGrid;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.RosslerSchemes;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * Recorded block-engine results: for each scheme that ran on the block engine before the one tableau
 * interpreter replaced the Rößler stepper (issue 19), a fingerprint of the final states of 16 paths after 50
 * steps (the hash of their bit patterns). The interpreter must reproduce them bit for bit; a change of
 * arithmetic shows here first.
 */
class BlockEngineReferenceTest {
    private static final int STRIDE = 16;

    /** Fingerprints of the final states, by "problem / scheme". */
    static Map<String, Long> fingerprints() {
        Map<String, Long> out = new LinkedHashMap<>();
        Scheme[] schemes = {EulerMaruyama.INSTANCE, Milstein.ITO, RosslerSchemes.SRIW1, RosslerSchemes.SRA1,
            RosslerSchemes.SRA3, RosslerSchemes.SOSRA, DerivativeFreeMilstein.ITO, WeakSchemes.WEAK_EULER,
            WeakSchemes.PLATEN_WEAK_2};
        Object[][] problems = {
            {"gbm", Problems.gbm().problem().sde(), new double[] {0.5}},
            {"additive", Problems.additive().problem().sde(), new double[] {1.0}},
            {"ou", Problems.ou().problem().sde(), new double[] {1.0}},
            {"cubic", Problems.cubic().problem().sde(), new double[] {0.5}},
            {"diagonal-2d", BlockSolverTest.diagonal2d(), new double[] {1.0, 0.5}},
            {"scalar-noise-2d", BlockSolverTest.scalarNoise2d(), new double[] {1.0, 0.5}},
            {"additive-2d", BlockSolverTest.additive2d(), new double[] {0.3, -0.4}},
        };
        for (Object[] p : problems) {
            for (Scheme s : schemes) {
                SdeProblem problem = new SdeProblem((Sde) p[1], (double[]) p[2], 0, 1);
                if (!BlockSolver.supports(problem, s)) {
                    continue;
                }
                BlockSolver solver = new BlockSolver(problem, s, TimeGrid.uniform(0, 1, 50), STRIDE, 50);
                // BoxMullerStream.of(7, 3), or NoiseStream.of(law, 7, 3) for a scheme with its own driving noise
                double[] x = solver.solveBlock(7, 3, STRIDE, null);
                long hash = 17;
                for (int k = 0; k < ((double[]) p[2]).length * STRIDE; k++) {
                    hash = 31 * hash + Double.doubleToLongBits(x[k]);
                }
                out.put(p[0] + " / " + s.name(), hash);
            }
        }
        return out;
    }

    /**
     * Recorded before the Rößler stepper was replaced, and unchanged since, except the three d &gt; 1 SRIW1 cases
     * (diagonal-2d, scalar-noise-2d, additive-2d): the old stepper added a d &gt; 1 diffusion stage's A¹ terms
     * before its B¹ terms, and formed the update weight as {@code (β² (ΔW² − h)/2) / √h}, while its own d = 1
     * path (and now the one interpreter, for every d) takes each source stage in turn and forms
     * {@code β² · ((ΔW² − h)/2 · (1/√h))}; the results differ in the last bits. Derivative-free Milstein was
     * recorded when it joined the block engine; weak Euler and Platen's weak order-2 scheme when they joined it on
     * their own two- and three-point draws ({@link org.sde4j.random.NoiseStream}).
     */
    private static final Map<String, Long> RECORDED = Map.ofEntries(
            Map.entry("gbm / euler-maruyama", -9064945158193584698L),
            Map.entry("gbm / milstein", 887906078357053606L),
            Map.entry("gbm / sriw1", -8661964794523824187L),
            Map.entry("gbm / milstein-df", 7548905079367358109L),
            Map.entry("additive / euler-maruyama", -3506509319103572664L),
            Map.entry("additive / milstein", -3506509319103572664L),
            Map.entry("additive / sriw1", -8191278244447467309L),
            Map.entry("additive / sra1", 4055960914126569720L),
            Map.entry("additive / sra3", 6078775966506854910L),
            Map.entry("additive / sosra", -8496019937060714531L),
            Map.entry("additive / milstein-df", 3564731946746800079L),
            Map.entry("ou / euler-maruyama", -1781588072354464334L),
            Map.entry("ou / milstein", -1781588072354464334L),
            Map.entry("ou / sriw1", 3436795050338410417L),
            Map.entry("ou / sra1", 7958859122659313716L),
            Map.entry("ou / sra3", -4033169023599306310L),
            Map.entry("ou / sosra", -1937317192236661646L),
            Map.entry("ou / milstein-df", 7407023298101699672L),
            Map.entry("cubic / euler-maruyama", -8761846584154831533L),
            Map.entry("cubic / milstein", -7952716102688045130L),
            Map.entry("cubic / sriw1", -8794084019868840319L),
            Map.entry("cubic / milstein-df", 2853690301223875616L),
            Map.entry("diagonal-2d / euler-maruyama", 6651913841968018119L),
            Map.entry("diagonal-2d / milstein", 4022478897080227383L),
            Map.entry("diagonal-2d / sriw1", -2795025094938471669L),
            Map.entry("diagonal-2d / milstein-df", 3723589280239864084L),
            Map.entry("scalar-noise-2d / euler-maruyama", 2671329822540451101L),
            Map.entry("scalar-noise-2d / sriw1", 5585813463715696794L),
            Map.entry("scalar-noise-2d / milstein-df", 5113184942539841505L),
            Map.entry("additive-2d / euler-maruyama", 7977939821524068198L),
            Map.entry("additive-2d / sriw1", 7342844895878445204L),
            Map.entry("additive-2d / milstein-df", 2551714304604175991L),
            Map.entry("additive / platen-weak2", 2709421779083686381L),
            Map.entry("additive / weak-euler", -2138973182840065352L),
            Map.entry("additive-2d / platen-weak2", 4292108646563181654L),
            Map.entry("additive-2d / weak-euler", -4519756183910740270L),
            Map.entry("cubic / platen-weak2", -2915522296184402136L),
            Map.entry("cubic / weak-euler", 5708368857294781622L),
            Map.entry("diagonal-2d / platen-weak2", -4952062901514109180L),
            Map.entry("diagonal-2d / weak-euler", 2843476947756111923L),
            Map.entry("gbm / platen-weak2", 7581276724218494061L),
            Map.entry("gbm / weak-euler", -895485919780272156L),
            Map.entry("ou / platen-weak2", 6246845589019296423L),
            Map.entry("ou / weak-euler", 18162930756533138L),
            Map.entry("scalar-noise-2d / platen-weak2", -6751237142203813720L),
            Map.entry("scalar-noise-2d / weak-euler", 1390345276701452827L));

    @Test
    void theBlockEngineReproducesTheRecordedBits() {
        assertEquals(new TreeMap<>(RECORDED), new TreeMap<>(fingerprints()));
    }
}
