package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.Orders;
import org.sde4j.solver.ReversibleStepper;

/**
 * The reversible Heun scheme (Kidger, Foster, Li &amp; Lyons 2021, "Efficient and accurate gradients for
 * neural SDEs", Algorithm 1), Stratonovich. It carries an auxiliary state z with {@code z_0 = y_0}:
 *
 * <pre>
 *   z_{n+1} = 2 y_n − z_n + f(t_n, z_n) h + g(t_n, z_n) ΔW
 *   y_{n+1} = y_n + ½ (f(t_n, z_n) + f(t_{n+1}, z_{n+1})) h + ½ (g(t_n, z_n) + g(t_{n+1}, z_{n+1})) ΔW
 * </pre>
 *
 * <p>and is algebraically reversible: given {@code (y_{n+1}, z_{n+1})} and ΔW,
 *
 * <pre>
 *   z_n = 2 y_{n+1} − z_{n+1} − f(t_{n+1}, z_{n+1}) h − g(t_{n+1}, z_{n+1}) ΔW
 *   y_n = y_{n+1} − ½ (f(t_n, z_n) + f(t_{n+1}, z_{n+1})) h − ½ (g(t_n, z_n) + g(t_{n+1}, z_{n+1})) ΔW
 * </pre>
 *
 * <p>recovers the previous state up to round-off ({@link ReversibleStepper#stepBack}). The state array
 * holds y in its first d entries and z in the next d. Strong order 0.5 for general noise (Kidger et al.
 * 2021) and 1.0 for commutative noise, like Heun's method (the test suite measures 1.0 on the scalar
 * problems gbm, cubic and wave); weak order 1; classical order 2 on ODEs.
 * This implementation evaluates f and g at both z's (two drift and two diffusion evaluations per step);
 * caching the previous step's evaluations, which halves that, is left for the network issue.
 */
public final class ReversibleHeun extends DeclaredScheme {
    /** The scheme; stateless, shared. */
    public static final ReversibleHeun INSTANCE = new ReversibleHeun();

    private ReversibleHeun() {
        super("reversible-heun", "z' = 2y − z + f(z) h + g(z) ΔW, y' = y + ½(f(z) + f(z'))h + ½(g(z) + g(z'))ΔW"
                + " (algebraically reversible; Kidger et al. 2021)", Calculus.STRATONOVICH,
                EnumSet.of(NoiseStructure.GENERAL),
                Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1.0).classical(2.0), 2, 2);
    }

    /** Reads ΔW only through {@code g(·) ΔW}: {@link IncrementUse#LINEAR}. */
    @Override
    public IncrementUse incrementUse() {
        return IncrementUse.LINEAR;
    }

    @Override
    public ReversibleStepper newStepper(Sde sde) {
        checkSupports(sde);
        int d = sde.stateDimension();
        double[] f0 = new double[d];
        double[] f1 = new double[d];
        double[] g0 = new double[d];
        double[] g1 = new double[d];
        double[] z = new double[d];
        return new ReversibleStepper() {
            @Override
            public int auxiliaryDimension() {
                return d;
            }

            @Override
            public void start(double t0, double[] state) {
                System.arraycopy(state, 0, state, d, d);
            }

            @Override
            public void step(double t, double[] x, Increment noise) {
                double h = noise.h();
                System.arraycopy(x, d, z, 0, d);
                sde.drift(t, z, f0);
                sde.diffusion(t, z, noise.dw(), g0);
                for (int i = 0; i < d; i++) {
                    x[d + i] = 2 * x[i] - z[i] + f0[i] * h + g0[i];
                }
                System.arraycopy(x, d, z, 0, d);
                sde.drift(t + h, z, f1);
                sde.diffusion(t + h, z, noise.dw(), g1);
                for (int i = 0; i < d; i++) {
                    x[i] += 0.5 * (f0[i] + f1[i]) * h + 0.5 * (g0[i] + g1[i]);
                }
            }

            @Override
            public void stepBack(double t, double[] x, Increment noise) {
                double h = noise.h();
                System.arraycopy(x, d, z, 0, d);
                sde.drift(t + h, z, f1);
                sde.diffusion(t + h, z, noise.dw(), g1);
                for (int i = 0; i < d; i++) {
                    x[d + i] = 2 * x[i] - z[i] - f1[i] * h - g1[i];
                }
                System.arraycopy(x, d, z, 0, d);
                sde.drift(t, z, f0);
                sde.diffusion(t, z, noise.dw(), g0);
                for (int i = 0; i < d; i++) {
                    x[i] -= 0.5 * (f0[i] + f1[i]) * h + 0.5 * (g0[i] + g1[i]);
                }
            }
        };
    }
}
