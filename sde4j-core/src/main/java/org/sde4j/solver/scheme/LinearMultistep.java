package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;

/**
 * Explicit two-step methods for ODEs ({@link NoiseStructure#NONE} only). Each keeps the previous step's
 * data as auxiliary state and takes its first step with forward Euler (as LM-ResNet's first block does).
 *
 * <ul>
 * <li>{@link #ADAMS_BASHFORTH_2}: {@code x_{n+1} = x_n + h [(1 + ω/2) f_n − (ω/2) f_{n−1}]}, ω = h_n/h_{n−1}
 *     (variable-step AB2; ω = 1 gives the textbook {@code x_n + h (3 f_n − f_{n−1})/2}); classical order 2.</li>
 * <li>{@link #lmResNet(double)}: {@code x_{n+1} = (1 − k) x_n + k x_{n−1} + (1 + k) h f(t_n, x_n)}, the
 *     linear two-step form of LM-ResNet (Lu, Zhong, Li &amp; Dong 2017) for a uniform grid. The factor
 *     {@code 1 + k} makes it consistent with {@code x' = f} (in the network the learned branch absorbs it,
 *     giving the paper's {@code (1 − k) u_n + k u_{n−1} + f_n(u_n)}). Its characteristic polynomial
 *     {@code (ζ − 1)(ζ + k)} is zero-stable for {@code −1 < k < 1}; the order is 1 (2 only at the weakly
 *     stable k = 1, the leapfrog rule).</li>
 * </ul>
 */
public final class LinearMultistep extends DeclaredScheme {
    /** Variable-step Adams–Bashforth 2. */
    public static final LinearMultistep ADAMS_BASHFORTH_2 = new LinearMultistep("adams-bashforth-2",
            "x + h[(1 + ω/2) f_n − (ω/2) f_{n−1}], ω = h_n/h_{n−1}; Euler first step (ODEs only)", 2.0, Double.NaN);

    private final double k;

    private LinearMultistep(String name, String description, double order, double k) {
        super(name, description, Calculus.ITO, EnumSet.of(NoiseStructure.NONE),
                Orders.strong(order).weak(order).classical(order), 1, 0);
        this.k = k;
    }

    /**
     * The LM-ResNet two-step method with coefficient k, {@code −1 < k < 1}.
     *
     * @throws IllegalArgumentException when k is outside (−1, 1)
     */
    public static LinearMultistep lmResNet(double k) {
        if (!(k > -1 && k < 1)) {
            throw new IllegalArgumentException("k = " + k + ": must lie in (−1, 1) for a zero-stable method");
        }
        return new LinearMultistep(k == 0.5 ? "lm-two-step" : "lm-two-step-" + k,
                "(1 − k) x_n + k x_{n−1} + (1 + k) h f(x_n), k = " + k + "; Euler first step (LM-ResNet form; ODEs only)",
                1.0, k);
    }

    /** The LM coefficient k, or NaN for Adams–Bashforth 2. */
    public double k() {
        return k;
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        int d = sde.stateDimension();
        double[] f = new double[d];
        boolean adams = Double.isNaN(k);
        double kk = k;
        // Auxiliary state: d entries (f_{n−1} for AB2, x_{n−1} for LM), then the previous step size
        // (0 before the first step).
        return new Stepper() {
            @Override
            public int auxiliaryDimension() {
                return d + 1;
            }

            @Override
            public void start(double t0, double[] state) {
                java.util.Arrays.fill(state, d, 2 * d + 1, 0.0);
            }

            @Override
            public void step(double t, double[] x, Increment noise) {
                double h = noise.h();
                double previousH = x[2 * d];
                sde.drift(t, x, f);
                for (int i = 0; i < d; i++) {
                    double xi = x[i];
                    double next;
                    if (previousH == 0) {
                        next = xi + h * f[i];
                    } else if (adams) {
                        double omega = h / previousH;
                        next = xi + h * ((1 + 0.5 * omega) * f[i] - 0.5 * omega * x[d + i]);
                    } else {
                        next = (1 - kk) * xi + kk * x[d + i] + (1 + kk) * h * f[i];
                    }
                    x[d + i] = adams ? f[i] : xi;
                    x[i] = next;
                }
                x[2 * d] = h;
            }
        };
    }
}
