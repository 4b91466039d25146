package org.sde4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.MainTest;
import org.sde4j.problems.StochasticHeat;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * {@code sde4j bench --work-precision} on tiny sizes (speed is never asserted): both PNGs written, an unwritable
 * {@code --plot} refused before the work; and the measuring code against closed forms.
 */
class WorkPrecisionTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void writesBothDiagrams(@TempDir Path dir) throws Exception {
        Path plots = dir.resolve("plots");
        MainTest.Run r = MainTest.run("bench", "--work-precision", "--paths", "16", "--dimension", "8", "--max-steps",
                "64", "--plot", plots.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {WorkPrecisionBench.TRANSIENT_PNG, WorkPrecisionBench.HEAT_PNG}) {
            Path png = plots.resolve(name);
            assertTrue(Files.size(png) > 1000, name);
            byte[] head = new byte[4];
            System.arraycopy(Files.readAllBytes(png), 0, head, 0, 4);
            assertArrayEquals(PNG, head, name);
        }
        assertTrue(r.out().contains("SK-ROCK") && r.out().contains("SOSRI, adaptive"), r.out());
    }

    @Test
    void refusesAnUnwritablePlotBeforeTheWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        MainTest.Run r = MainTest.run("bench", "--work-precision", "--paths", "16", "--dimension", "8", "--max-steps", "64",
                "--plot", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--plot = ") && r.err().strip().lines().count() == 1, r.err());
        assertEquals("", r.out(), "no work before the output is checked");
    }

    @Test
    void refusesPlotWithoutWorkPrecision() {
        MainTest.Run r = MainTest.run("bench", "--plot", "x", "--only", "gaussian");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--plot: applies to --work-precision only"), r.err());
    }

    /** With the exact OU map A = e^p, B² = (1 − e^{2p})/(−2p), the finite sum is the exact Var M(t). */
    @Test
    void heatVarianceOfTheExactMapIsTheClosedForm() {
        StochasticHeat heat = StochasticHeat.of(32, 1, 1);
        for (int n : new int[] {1, 7, 100}) {
            double h = 0.5 / n;
            double v = HeatWork.variance(heat, p -> new double[] {Math.exp(p),
                Math.sqrt(-Math.expm1(2 * p) / (-2 * p))}, h, n);
            assertEquals(heat.meanVariance(0.5), v, 1e-12 * heat.meanVariance(0.5), "n = " + n);
        }
    }

    /** SRIW1's error on the transient falls by 3–5 per halving at fine grids (a wrong exact X_T would plateau). */
    @Test
    void transientFixedErrorConvergesToTheExactSolution() {
        SdeProblem problem = TransientWork.problem();
        Scheme sriw1 = Schemes.byName("sriw1");
        double[] exact = TransientWork.exact(64, 17, sriw1.needsSpaceTimeLevyArea());
        double coarse = TransientWork.fixedError(problem, sriw1, 11, 17, exact);
        double fine = TransientWork.fixedError(problem, sriw1, 12, 17, exact);
        assertTrue(fine < 1e-2 && coarse / fine > 3 && coarse / fine < 5, coarse + " → " + fine);
    }
}
