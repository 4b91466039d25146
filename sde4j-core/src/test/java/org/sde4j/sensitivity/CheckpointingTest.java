package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.gradient.Backpropagation;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.sde.Calculus;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;
import org.sde4j.solver.scheme.TableauScheme;

/** Checkpointed backpropagation: the bits of full backpropagation, with the held state growing like √N. */
class CheckpointingTest {
    private static final TableauScheme[] SCHEMES = {EulerMaruyama.INSTANCE, RungeKuttaSchemes.HEUN,
        DerivativeFreeMilstein.ITO};

    @Test
    void sameBitsAsFullBackpropagationForEveryScheme() {
        assertSameBitsAsBackpropagation(new int[] {1, 7, 64, 100}, new int[] {0, 1, 3, -1}, (scheme, segment, steps) ->
                segment == 0 ? CheckpointedBackpropagation.through(scheme)
                        : CheckpointedBackpropagation.through(scheme, segment < 0 ? steps : segment));
    }

    /** A checkpointed method of a scheme, a setting (segment length, slots; 0: the default) and the step count. */
    interface Checkpointed {
        org.sde4j.gradient.SdeGradient of(TableauScheme scheme, int setting, int steps);
    }

    /**
     * Asserts the bits of full backpropagation for every scheme of {@link #SCHEMES}, a scalar and a coupled 2-d SDE,
     * each step count and each setting.
     */
    static void assertSameBitsAsBackpropagation(int[] stepCounts, int[] settings, Checkpointed method) {
        ParametricSde[] sdes = {Models.NONLINEAR, Models.COUPLED};
        double[][] thetas = {{1.2, 0.4, 0.5}, {0.8, 0.3, 0.4, 0.2}};
        double[][] x0s = {{0.3}, {0.5, -0.2}};
        for (TableauScheme scheme : SCHEMES) {
            for (int m = 0; m < 2; m++) {
                for (int steps : stepCounts) {
                    int d = x0s[m].length;
                    SolveGrid grid = steps % 4 == 0 ? SolveGrid.savingEvery(0, 1, steps, 4) : SolveGrid.terminal(0, 1, steps);
                    double[][] targets = new double[grid.savedCount()][d];
                    PathLoss loss = PathLoss.squaredDistance(targets);
                    VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 4096, d, 5 + steps);
                    SolveGradient full = Backpropagation.through(scheme).compute(sdes[m], thetas[m], x0s[m], grid, w, loss);
                    for (int setting : settings) {
                        SolveGradient check = method.of(scheme, setting, steps).compute(sdes[m], thetas[m], x0s[m], grid,
                                w, loss);
                        String what = scheme.name() + ", d = " + d + ", N = " + steps + ", setting " + setting;
                        assertEquals(full.loss(), check.loss(), 0, what);
                        assertArrayEquals(full.dTheta(), check.dTheta(), 0, what);
                        assertArrayEquals(full.dX0(), check.dX0(), 0, what);
                    }
                }
            }
        }
    }

    @Test
    void heldStateGrowsLikeTheSquareRootOfTheSteps() {
        double previous = 0;
        for (int steps : new int[] {256, 1024, 4096, 16384}) {
            SolveGrid grid = SolveGrid.terminal(0, 1, steps);
            VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / steps, 1, 3);
            SolveGradient r = CheckpointedBackpropagation.through(EulerMaruyama.INSTANCE).compute(Models.NONLINEAR,
                    new double[] {1.2, 0.4, 0.5}, new double[] {0.3}, grid, w, PathLoss.linear(1));
            assertEquals(2 * Math.sqrt(steps) + 2, r.retainedState(), 2, "N = " + steps);
            if (previous > 0) {
                double exponent = Math.log(r.retainedState() / previous) / Math.log(4);
                assertEquals(0.5, exponent, 0.03, "memory ∝ N^" + exponent);
            }
            previous = r.retainedState();
        }
    }

    @Test
    void theCheckpointedAdjointRunsInTheEnsemble() {
        Sensitivities base = Sensitivities.of(Models.NONLINEAR, Calculus.ITO, new double[] {1.2, 0.4, 0.5},
                new double[] {0.3}, Payoff.square(0)).grid(0, 1, 50).paths(1000).seed(2).threads(2)
                .method(SensitivityMethod.ADJOINT);
        SensitivityResult full = base.adjoint(AdjointMethod.backpropagation(EulerMaruyama.INSTANCE)).run();
        SensitivityResult checkpointed = base.adjoint(AdjointMethod.checkpointed(EulerMaruyama.INSTANCE)).run();
        assertTrue(full.sameBits(checkpointed));
    }
}
