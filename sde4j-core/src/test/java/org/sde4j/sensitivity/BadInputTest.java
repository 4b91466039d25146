package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.sde.Calculus;

/** One-line errors that name the method, the dimension, the path. */
class BadInputTest {
    private static final double[] THETA = {1.5, 0.7, 0.4};

    @Test
    void aPayoffThatIsNanOnSomePathsIsReportedWithItsPathIndex() {
        Payoff bad = Payoff.named("log", true, (x, th, dx, dth) -> {
            dx[0] = 1 / x[0];
            java.util.Arrays.fill(dth, 0);
            return Math.log(x[0]);
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sensitivities.of(Models.OU,
                Calculus.ITO, THETA, new double[] {0.05}, bad).grid(0, 1, 8).paths(1000).threads(1).run());
        assertTrue(e.getMessage().matches("path \\d+: the payoff log is NaN \\(pathwise forward\\)"), e.getMessage());
    }

    @Test
    void wrongLengthsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(Models.OU,
                Calculus.ITO, new double[] {1, 2}, new double[] {0}, Payoff.square(0)));
        assertTrue(e.getMessage().equals("theta: length 2, the SDE has 3 parameters"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(Models.OU,
                Calculus.ITO, THETA, new double[] {0, 1}, Payoff.square(0)));
        assertTrue(e2.getMessage().equals("x0: length 2, the SDE has dimension 1"), e2.getMessage());
    }

    @Test
    void aDigitalIsRefusedByThePathwiseMethods() {
        for (SensitivityMethod method : new SensitivityMethod[] {SensitivityMethod.PATHWISE, SensitivityMethod.ADJOINT}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(Models.OU,
                    Calculus.ITO, THETA, new double[] {0}, Payoff.digital(0, 0.5, false, -1, 1)).grid(0, 1, 4)
                    .method(method).run());
            assertTrue(e.getMessage().contains("LIKELIHOOD_RATIO"), e.getMessage());
        }
    }

    @Test
    void theAdjointRefusesANonUniformGridAndTheLikelihoodRatioRefusesMilstein() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(Models.OU,
                Calculus.ITO, THETA, new double[] {0}, Payoff.square(0)).times(0, 0.3, 1)
                .method(SensitivityMethod.ADJOINT).run());
        assertTrue(e.getMessage().contains("uniform"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Sensitivities.of(Models.OU,
                Calculus.ITO, THETA, new double[] {0}, Payoff.square(0)).grid(0, 1, 4).scheme(TangentScheme.MILSTEIN)
                .method(SensitivityMethod.LIKELIHOOD_RATIO).run());
        assertTrue(e2.getMessage().contains("euler-maruyama"), e2.getMessage());
    }

    @Test
    void theGradientCheckNamesAWrongEntryAndAnOutOfBoundsWrite() {
        assertNull(GradientCheck.firstMismatch(Models.OU, 0, new double[] {0.2}, THETA, 1e-6, 1e-7));
        ParametricSde wrong = new Wrapped(Models.OU) {
            @Override
            public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                super.driftVjp(t, x, th, v, dx, dth);
                dth[1] += 0.01 * v[0];
            }
        };
        String message = GradientCheck.firstMismatch(wrong, 0, new double[] {0.2}, THETA, 1e-6, 1e-7);
        assertTrue(message != null && message.startsWith("drift: ∂f_0/∂θ_1 is"), message);
        ParametricSde outOfBounds = new Wrapped(Models.OU) {
            @Override
            public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                dth[3] += v[0];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(outOfBounds, 0, new double[] {0.2}, THETA, 1e-6, 1e-7));
        assertTrue(e.getMessage().startsWith("diffusionVjp wrote out of bounds") && e.getMessage().contains("p = 3"),
                e.getMessage());
    }

    /** Delegates everything. */
    private static class Wrapped implements ParametricSde {
        private final ParametricSde inner;

        Wrapped(ParametricSde inner) {
            this.inner = inner;
        }

        @Override
        public int stateDimension() {
            return inner.stateDimension();
        }

        @Override
        public int parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            inner.drift(t, x, th, out);
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            inner.diffusion(t, x, th, out);
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            inner.driftVjp(t, x, th, v, dx, dth);
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            inner.diffusionVjp(t, x, th, v, dx, dth);
        }
    }
}
