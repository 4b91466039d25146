package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Stepper;

/**
 * Drift-implicit Euler–Maruyama's simplified Newton: the Jacobian is formed once per step and reused by the
 * iterations, and the step still solves {@code Y − h f(Y) = X + g ΔW} to the stated 1e-12 (θ = 1, additive noise).
 */
class DriftImplicitNewtonTest {
    /** A 3-d drift: linear (a tridiagonal −50·(2, −1) stencil) plus a cubic −κ x³ per component. */
    private static Sde sde(double kappa, AtomicInteger jacobians, AtomicInteger drifts) {
        int d = 3;
        return Sde.builder(d, d)
                .drift((t, x, out) -> {
                    drifts.incrementAndGet();
                    for (int i = 0; i < d; i++) {
                        double left = i > 0 ? x[i - 1] : 0;
                        double right = i < d - 1 ? x[i + 1] : 0;
                        out[i] = 50 * (left - 2 * x[i] + right) - kappa * x[i] * x[i] * x[i];
                    }
                })
                .diffusion((t, x, dw, out) -> {
                    for (int i = 0; i < d; i++) {
                        out[i] = 0.3 * dw[i];
                    }
                }, NoiseStructure.ADDITIVE)
                .driftJacobian((t, x, out) -> {
                    jacobians.incrementAndGet();
                    java.util.Arrays.fill(out, 0);
                    for (int i = 0; i < d; i++) {
                        out[i * d + i] = -100 - 3 * kappa * x[i] * x[i];
                        if (i > 0) {
                            out[i * d + i - 1] = 50;
                        }
                        if (i < d - 1) {
                            out[i * d + i + 1] = 50;
                        }
                    }
                })
                .build();
    }

    /** max_i |Y − h f(Y) − X − 0.3 ΔW|, with an uncounted copy of the drift. */
    private static double residual(double kappa, double[] before, double[] after, double h, double[] dw) {
        double[] f = new double[before.length];
        sde(kappa, new AtomicInteger(), new AtomicInteger()).drift(0, after, f);
        double worst = 0;
        for (int i = 0; i < before.length; i++) {
            worst = Math.max(worst, Math.abs(after[i] - h * f[i] - before[i] - 0.3 * dw[i]));
        }
        return worst;
    }

    private static final int STEPS = 20;
    private static final double H = 0.1;

    /**
     * Takes {@value #STEPS} steps of h = 0.1 from x with one fixed ΔW, checking each step's residual against
     * {@code tolerance}; returns {Jacobian evaluations, drift evaluations}.
     */
    private static int[] stepAndCount(double kappa, double[] x, double tolerance) {
        AtomicInteger jacobians = new AtomicInteger();
        AtomicInteger drifts = new AtomicInteger();
        Stepper stepper = DriftImplicit.EULER_MARUYAMA.newStepper(sde(kappa, jacobians, drifts));
        Increment noise = new Increment(3, false, false);
        double[] dw = {0.1, -0.2, 0.05};
        for (int n = 0; n < STEPS; n++) {
            double[] before = x.clone();
            noise.set(H, dw);
            stepper.step(0, x, noise);
            double r = residual(kappa, before, x, H, dw);
            assertTrue(r <= tolerance, "step " + n + ": residual " + r);
        }
        return new int[] {jacobians.get(), drifts.get()};
    }

    @Test
    void aLinearDriftFormsOneJacobianPerStep() {
        int[] counts = stepAndCount(0, new double[] {1, -0.5, 2}, 1e-11);
        assertEquals(STEPS, counts[0], "Jacobians");
    }

    @Test
    void aNonlinearDriftReusesTheJacobianAcrossIterations() {
        int[] counts = stepAndCount(40, new double[] {1.5, -1, 2}, 1e-9);
        // One explicit drift per step, then one per Newton iteration; fewer Jacobians than iterations.
        int iterations = counts[1] - STEPS;
        assertTrue(counts[0] < iterations, counts[0] + " Jacobians for " + iterations + " iterations");
    }
}
