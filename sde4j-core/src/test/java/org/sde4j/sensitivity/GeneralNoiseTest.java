package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.sde.Calculus;

/**
 * General (non-diagonal) noise: pathwise forward equals backpropagation to 10⁻¹⁰ on the same paths and matches
 * central differences with common random numbers; a diagonal SDE written as a general one gives the diagonal
 * engine's numbers; Heston's Greeks match the derivatives of its semi-closed form within 4 standard errors plus
 * the measured Euler bias.
 */
class GeneralNoiseTest {
    private static final double[] HESTON = {0.02, 2.0, 0.04, 0.3, -0.6};
    private static final double S0 = 100;
    private static final double V0 = 0.05;
    private static final double K = 100;

    private static Sensitivities heston(SensitivityMethod method, int steps, long paths) {
        return Sensitivities.of(Heston.MODEL, HESTON, new double[] {Math.log(S0), V0}, Payoff.call(0, K, true, 0, 1))
                .grid(0, 1, steps).paths(paths).seed(31).method(method).threads(2)
                .parameterNames("r", "kappa", "theta", "xi", "rho");
    }

    @Test
    void forwardEqualsBackpropagationAndFiniteDifferences() {
        SensitivityResult forward = heston(SensitivityMethod.PATHWISE, 32, 2000).run();
        SensitivityResult adjoint = heston(SensitivityMethod.ADJOINT, 32, 2000).run();
        SensitivityResult fd = heston(SensitivityMethod.FINITE_DIFFERENCE, 32, 2000).bump(1e-6).run();
        assertEquals(forward.value(), adjoint.value(), 1e-12 * forward.value());
        for (int j = 0; j < 7; j++) {
            double scale = Math.max(Math.abs(forward.gradient()[j]), 1e-3);
            assertEquals(forward.gradient()[j], adjoint.gradient()[j], 1e-10 * scale, forward.names()[j]);
            assertEquals(forward.gradient()[j], fd.gradient()[j], 1e-4 * scale, "fd " + forward.names()[j]);
        }
    }

    @Test
    void perPathBackpropagationMatchesCentralDifferencesOfItsOwnLoss() {
        org.sde4j.brownian.VirtualBrownianTree w = org.sde4j.brownian.VirtualBrownianTree.of(0, 1, 1.0 / 1024, 2, 77);
        org.sde4j.gradient.SolveGrid grid = org.sde4j.gradient.SolveGrid.savingEvery(0, 1, 40, 10);
        org.sde4j.gradient.PathLoss loss = (states, grads) -> {
            double sum = 0;
            for (int k = 0; k < states.length; k++) {
                sum += Math.exp(states[k][0]) * states[k][1];
                grads[k][0] = Math.exp(states[k][0]) * states[k][1];
                grads[k][1] = Math.exp(states[k][0]);
            }
            return sum;
        };
        double[] x0 = {Math.log(S0) / 4, V0};
        org.sde4j.gradient.SolveGradient r = GeneralEulerBackpropagation.compute(Heston.MODEL, HESTON, x0, grid, w, loss);
        for (int j = 0; j < 7; j++) {
            double[] th = HESTON.clone();
            double[] x = x0.clone();
            double[] u = j < 5 ? th : x;
            int e = j < 5 ? j : j - 5;
            double step = 1e-6 * Math.max(1, Math.abs(u[e]));
            u[e] += step;
            double plus = GeneralEulerBackpropagation.compute(Heston.MODEL, th, x, grid, w, loss).loss();
            u[e] -= 2 * step;
            double minus = GeneralEulerBackpropagation.compute(Heston.MODEL, th, x, grid, w, loss).loss();
            double fd = (plus - minus) / (2 * step);
            double exact = j < 5 ? r.dTheta()[j] : r.dX0()[j - 5];
            assertEquals(fd, exact, 1e-6 * Math.max(1, Math.abs(fd)), "direction " + j);
        }
    }

    /** {@link Models#COUPLED} written with a diagonal G. */
    static GeneralParametricSde diagonal(ParametricSde sde) {
        return new GeneralParametricSde() {
            @Override
            public int stateDimension() {
                return sde.stateDimension();
            }

            @Override
            public int noiseDimension() {
                return sde.stateDimension();
            }

            @Override
            public int parameterCount() {
                return sde.parameterCount();
            }

            @Override
            public void drift(double t, double[] x, double[] th, double[] out) {
                sde.drift(t, x, th, out);
            }

            @Override
            public void diffusion(double t, double[] x, double[] th, double[] out) {
                int d = sde.stateDimension();
                double[] g = new double[d];
                sde.diffusion(t, x, th, g);
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < d; i++) {
                    out[i * d + i] = g[i];
                }
            }

            @Override
            public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                sde.driftVjp(t, x, th, v, dx, dth);
            }

            @Override
            public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
                int d = sde.stateDimension();
                double[] diag = new double[d];
                for (int i = 0; i < d; i++) {
                    diag[i] = v[i * d + i];
                }
                sde.diffusionVjp(t, x, th, diag, dx, dth);
            }
        };
    }

    @Test
    void aDiagonalSdeWrittenAsGeneralGivesTheDiagonalEnginesNumbers() {
        double[] theta = {0.8, 0.3, 0.4, 0.2};
        double[] x0 = {0.5, -0.2};
        for (SensitivityMethod method : new SensitivityMethod[] {SensitivityMethod.PATHWISE, SensitivityMethod.ADJOINT}) {
            SensitivityResult diag = Sensitivities.of(Models.COUPLED, Calculus.ITO, theta, x0, Payoff.square(0))
                    .grid(0, 1, 16).paths(1000).seed(3).method(method).threads(2).run();
            SensitivityResult general = Sensitivities.of(diagonal(Models.COUPLED), theta, x0, Payoff.square(0))
                    .grid(0, 1, 16).paths(1000).seed(3).method(method).threads(2).run();
            assertEquals(diag.value(), general.value(), 1e-12 * Math.abs(diag.value()));
            for (int j = 0; j < 6; j++) {
                assertEquals(diag.gradient()[j], general.gradient()[j], 1e-10 * Math.abs(diag.gradient()[j]),
                        method + " " + diag.names()[j]);
            }
        }
    }

    @Test
    void hestonGreeksMatchTheSemiClosedForm() {
        double price = Heston.call(S0, V0, K, 1, HESTON);
        double[] exact = new double[7];
        for (int j = 0; j < 5; j++) {
            double[] up = HESTON.clone();
            double[] down = HESTON.clone();
            double step = 1e-4 * Math.max(0.1, Math.abs(HESTON[j]));
            up[j] += step;
            down[j] -= step;
            exact[j] = (Heston.call(S0, V0, K, 1, up) - Heston.call(S0, V0, K, 1, down)) / (2 * step);
        }
        exact[5] = S0 * (Heston.call(S0 * 1.0001, V0, K, 1, HESTON) - Heston.call(S0 / 1.0001, V0, K, 1, HESTON))
                / (S0 * 1.0001 - S0 / 1.0001);
        exact[6] = (Heston.call(S0, V0 + 1e-5, K, 1, HESTON) - Heston.call(S0, V0 - 1e-5, K, 1, HESTON)) / 2e-5;
        SensitivityResult r = heston(SensitivityMethod.ADJOINT, 100, 100_000).run();
        System.out.println("Heston closed form: price " + price + ", gradient (r, κ, θ, ξ, ρ, log S0, v0) "
                + java.util.Arrays.toString(exact) + "\n" + r);
        // Euler with full truncation on 100 steps has a bias of O(h); allow 4 standard errors plus 1 % of the value.
        assertEquals(price, r.value(), 4 * r.valueError() + 0.01 * price, "price");
        for (int j = 0; j < 7; j++) {
            double tolerance = 4 * r.gradientError()[j] + 0.01 * Math.abs(exact[j]);
            assertEquals(exact[j], r.gradient()[j], tolerance, r.names()[j]);
        }
        assertTrue(r.gradientError()[5] < 0.01 * exact[5]);
    }
}
