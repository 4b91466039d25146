package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.random.NoiseModel;
import org.sde4j.random.NoiseModels;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * Ensembles driven by non-Gaussian noise models. For Euler–Maruyama on {@code dX = μX dt + σX dW} with
 * i.i.d. increments ξ of mean {@code E ξ}, {@code E X_N = X0 (1 + μh + σ E ξ)^N} exactly, so the
 * ensemble mean tests that the model's draws, not Gaussian ones, drive the scheme. Fixed seeds; the
 * band is 6 standard errors of the mean.
 */
class NoiseModelEnsembleTest {
    private static final double MU = 0.5;
    private static final double SIGMA = 0.4;
    private static final int STEPS = 50;

    @Test
    void ensembleMeanFollowsTheNoiseModelsMean() {
        SdeProblem problem = SdeProblem.of(Sde.scalar((t, x) -> MU * x, (t, x) -> SIGMA * x), 1.0, 0, 1);
        double h = 1.0 / STEPS;
        for (NoiseModel model : new NoiseModel[] {NoiseModels.twoPoint(), NoiseModels.threePoint(),
                NoiseModels.bernoulli(0.25), NoiseModels.uniform()}) {
            EnsembleResult r = Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(STEPS).paths(40_000).seed(9)
                    .threads(2).noise(model).run();
            double exact = Math.pow(1 + MU * h + SIGMA * model.mean(h), STEPS);
            assertEquals(exact, r.mean()[0], 6 * r.standardError()[0], model.name());
        }
    }

    @Test
    void pathStreamsDependOnSeedAndIndexOnly() {
        SdeProblem problem = SdeProblem.of(Sde.scalar((t, x) -> MU * x, (t, x) -> SIGMA * x), 1.0, 0, 1);
        double[] one = Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(STEPS).paths(3000).seed(4).threads(1)
                .blockSize(256).keepFinalStates(true).noise(NoiseModels.threePoint()).run().finalStates();
        double[] two = Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(STEPS).paths(3000).seed(4).threads(2)
                .blockSize(512).keepFinalStates(true).noise(NoiseModels.threePoint()).run().finalStates();
        assertArrayEquals(one, two, 0.0);
    }
}
