package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.brownian.Increment;
import org.sde4j.problems.Problems;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.OrderTestPlan;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.RosslerSchemes;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * A scheme's fused kernels compute its tableau's update: every registered tableau scheme with a fused per-path step
 * ({@link RungeKuttaScheme#withFusedKernels}) matches the generic tableau step over 50 steps to 1e-13 (relative), on
 * scalar, diagonal, scalar-noise, additive and general-noise SDEs; and the block engine runs a scheme's own block kernel
 * only when the scheme offers one, otherwise its tableau.
 */
class FusedKernelTest {
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Scheme scheme : Schemes.all()) {
            if (!(scheme instanceof RungeKuttaScheme rk) || !rk.hasFusedStepper()) {
                continue;
            }
            for (Sde sde : sdes()) {
                Sde in = OrderTestPlan.inCalculusOf(sde, scheme);
                if (in != null && Schemes.supports(scheme, in)) {
                    all.add(Arguments.of(scheme.name(), in.noise().label() + "-d" + in.stateDimension(), rk, in));
                }
            }
        }
        return all.stream();
    }

    private static List<Sde> sdes() {
        return List.of(Sde.scalar((t, x) -> 1.01 * x - 0.2 * Math.sin(t) * x * x, (t, x) -> 0.87 * x + 0.1 * Math.cos(x))
                        .withDiffusionDerivative((t, x) -> 0.87 - 0.1 * Math.sin(x)),
                BlockSolverTest.diagonal2d(), BlockSolverTest.scalarNoise2d(), BlockSolverTest.additive2d(),
                Problems.additive().problem().sde(), Problems.linear2d().problem().sde());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void fusedStepIsTheTableauStep(String name, String sdeName, RungeKuttaScheme scheme, Sde sde) {
        Stepper fused = scheme.newStepper(sde);
        Stepper tableau = scheme.tableauStepper(sde);
        int d = sde.stateDimension();
        int m = sde.noiseDimension();
        double[] x = new double[d];
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = y[i] = 0.9 + 0.2 * i;
        }
        UniformRandomProvider rng = RandomStreams.stream(7, 1);
        Increment noise = new Increment(m);
        double h = 0.01;
        double t = 0;
        for (int k = 0; k < 50; k++) {
            double[] dw = new double[m];
            for (int j = 0; j < m; j++) {
                dw[j] = Math.sqrt(h) * (2 * rng.nextDouble() - 1) * 1.7;
            }
            noise.set(h, dw);
            fused.step(t, x, noise);
            tableau.step(t, y, noise);
            t += h;
            for (int i = 0; i < d; i++) {
                assertEquals(y[i], x[i], 1e-13 * Math.max(1, Math.abs(y[i])), name + " on " + sdeName + ", step " + k);
            }
        }
    }

    @Test
    void theFusedSchemesAreTheOnesWithAMeasuredReason() {
        List<String> fused = new ArrayList<>();
        for (Scheme s : Schemes.all()) {
            if (s instanceof RungeKuttaScheme rk && rk.hasFusedStepper()) {
                fused.add(s.name());
            }
        }
        assertEquals(List.of("euler-maruyama", "milstein-df", "milstein-df-strat"), fused);
        assertFalse(WeakSchemes.WEAK_EULER.hasFusedStepper(), "weak Euler shares the tableau, not the kernels");
        assertSame(EulerMaruyama.INSTANCE.tableau(), WeakSchemes.WEAK_EULER.tableau());
    }

    @Test
    void theBlockEngineRunsAKernelOnlyWhereTheSchemeOffersOne() {
        Sde gbm = Problems.gbm().problem().sde();
        assertTrue(BlockSolver.stepperFor(gbm, EulerMaruyama.INSTANCE, 8) instanceof BlockStepper.Euler);
        assertTrue(BlockSolver.stepperFor(gbm, Milstein.ITO, 8) instanceof BlockStepper.ItoMilstein);
        Sde additive = Problems.additive().problem().sde();
        assertTrue(BlockSolver.stepperFor(additive, Milstein.ITO, 8) instanceof BlockStepper.Euler);
        for (Scheme s : List.of(WeakSchemes.WEAK_EULER, DerivativeFreeMilstein.ITO, RosslerSchemes.SRIW1)) {
            assertTrue(BlockSolver.stepperFor(gbm, s, 8) instanceof BlockTableauStepper, s.name());
        }
        assertFalse(BlockSolver.supports(SdeProblem.of(gbm.convertedTo(Calculus.STRATONOVICH), 1, 0, 1),
                Milstein.STRATONOVICH), "Stratonovich Milstein offers no block kernel and has no tableau");
        assertEquals(NoiseStructure.ADDITIVE, additive.noise());
    }
}
