package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.problems.Problems;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.engine.BlockTableauStepper;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.RosslerTableau;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * A new SRK scheme from its coefficients alone: the example of docs/design.md ("How to add a scheme", the source
 * in {@code src/test/resources/examples/AddAScheme.java}) is compiled here as a user would compile it, and the
 * scheme it declares lands on the block engine (with the per-path step's results) and passes the same strong,
 * weak and classical order checks the registered schemes pass, from its own declaration. Coefficients that
 * break a declared order are refused at construction.
 */
class NewSchemeFromCoefficientsTest {
    @TempDir
    Path dir;

    /** Compiles the example against the test class path and returns its {@code RALSTON} constant. */
    private Scheme compileExample() throws Exception {
        Path source = dir.resolve("AddAScheme.java");
        try (InputStream in = getClass().getResourceAsStream("/examples/AddAScheme.java")) {
            Files.write(source, in.readAllBytes());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int code = javac.run(null, null, errors, "-encoding", "UTF-8", "-classpath",
                System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            return (Scheme) loader.loadClass("AddAScheme").getField("RALSTON").get(null);
        }
    }

    @Test
    void theExampleCompilesAndItsSchemeRunsOnTheBlockEngineAndMeetsItsOrders() throws Exception {
        Scheme ralston = compileExample();
        SdeProblem gbm = Problems.gbm().problem();
        SdeProblem stratonovich = gbm.withSde(gbm.sde().convertedTo(Calculus.STRATONOVICH));
        assertTrue(BlockSolver.supports(stratonovich, ralston), "on the block engine from its coefficients alone");
        assertTrue(BlockSolver.stepperFor(stratonovich.sde(), ralston, 8) instanceof BlockTableauStepper);
        // the block engine computes the per-path scheme: one block step against the per-path step
        BlockSolver solver = new BlockSolver(stratonovich, ralston, TimeGrid.uniform(0, 1, 1), 4, 1);
        double[] block = solver.solveBlock(BoxMullerStream.of(2, 0), 4, null).clone();
        double[] z = new double[4];
        BoxMullerStream.of(2, 0).nextGaussians(z, 0, 4);
        double[] x0 = new double[1];
        gbm.copyInitialState(x0);
        for (int p = 0; p < 4; p++) {
            double[] x = {x0[0]};
            org.sde4j.brownian.Increment noise = new org.sde4j.brownian.Increment(1);
            noise.set(1.0, z[p]);
            ralston.newStepper(stratonovich.sde()).step(0, x, noise);
            assertEquals(x[0], block[p], 1e-13 * Math.abs(x[0]), "path " + p);
        }
        // the order tests of the registered schemes, read from its own declaration
        for (String problem : List.of("gbm", "cubic", "wave")) {
            StrongConvergenceTest.check(ralston, problem);
        }
        WeakOrderTest.check(ralston, "gaussian");
        DeterministicOrderTest.check(ralston, "linear");
        DeterministicOrderTest.check(ralston, "logistic");
    }

    @Test
    void coefficientsThatBreakADeclaredOrderAreRefused() {
        StochasticTableau euler = StochasticTableau.builder(new double[] {0, 2.0 / 3},
                new double[][] {{0, 0}, {2.0 / 3, 0}}, new double[] {1, 0})
                .noise(NoiseTerm.DW, new double[][] {{0, 0}, {2.0 / 3, 0}}, new double[] {0.25, 0.75}).build();
        IllegalArgumentException classical = assertThrows(IllegalArgumentException.class,
                () -> RungeKuttaScheme.of("broken", "Euler drift declared order 2", Calculus.STRATONOVICH,
                        EnumSet.of(NoiseStructure.GENERAL), Orders.strong(0.5).weak(1).classical(2), euler));
        assertTrue(classical.getMessage().contains("Σαc = 1/2"), classical.getMessage());
        StochasticTableau noStratonovichTerm = StochasticTableau.builder(new double[] {0, 2.0 / 3},
                new double[][] {{0, 0}, {2.0 / 3, 0}}, new double[] {0.25, 0.75})
                .noise(NoiseTerm.DW, new double[][] {{0, 0}, {0, 0}}, new double[] {1, 0}).build();
        IllegalArgumentException strong = assertThrows(IllegalArgumentException.class,
                () -> RungeKuttaScheme.of("broken", "no Stratonovich correction, declared order 1", Calculus.STRATONOVICH,
                        EnumSet.of(NoiseStructure.GENERAL),
                        Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1).classical(2),
                        noStratonovichTerm));
        assertTrue(strong.getMessage().contains("Σβ(Be) = 1/2"), strong.getMessage());
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class,
                () -> RungeKuttaScheme.of("incomplete", "no weak order", Calculus.ITO, EnumSet.of(NoiseStructure.GENERAL),
                        Orders.strong(0.5), euler));
        assertTrue(incomplete.getMessage().contains("weak"), incomplete.getMessage());
    }

    @Test
    void roesslerCoefficientsAreCopied() {
        double[] alpha = {1.0 / 3, 2.0 / 3};
        RosslerTableau sra1 = RosslerTableau.sra(new double[] {0, 0.75}, new double[] {1, 0},
                new double[][] {{0, 0}, {0.75, 0}}, new double[][] {{0, 0}, {1.5, 0}}, alpha, new double[] {1, 0},
                new double[] {-1, 1});
        StochasticTableau before = sra1.toStochasticTableau();
        alpha[0] = 7; // the caller's array changes; the tableau must not
        assertEquals(before.orderConditionResiduals(2, false), sra1.toStochasticTableau().orderConditionResiduals(2, false));
        assertTrue(Math.abs(sra1.orderConditionResiduals().values().stream().mapToDouble(Math::abs).max().orElseThrow())
                < 1e-12, "SRA1's strong conditions hold");
    }
}
