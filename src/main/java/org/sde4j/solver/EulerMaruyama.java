package org.sde4j.solver;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

/**
 * The Euler–Maruyama scheme (Maruyama 1955; Kloeden &amp; Platen 1992, §10.2):
 *
 * <pre>    X_{n+1} = X_n + f(t_n, X_n) h + g(t_n, X_n) ΔW_n</pre>
 *
 * <p>Itô calculus, any noise structure. Strong order 0.5 (1.0 for additive noise, where it coincides
 * with the Milstein scheme), weak order 1. One drift and one diffusion evaluation per step.
 */
public final class EulerMaruyama extends DeclaredScheme {
    /** The scheme; stateless, shared. */
    public static final EulerMaruyama INSTANCE = new EulerMaruyama();

    private EulerMaruyama() {
        super("euler-maruyama", "X + f h + g ΔW (Maruyama 1955; Kloeden & Platen §10.2)", Calculus.ITO,
                EnumSet.of(NoiseStructure.GENERAL), 0.5, EnumSet.of(NoiseStructure.ADDITIVE), 1.0, 1.0, 1, 1);
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        int d = sde.stateDimension();
        double[] f = new double[d];
        double[] gdw = new double[d];
        if (d == 1) {
            return (double t, double[] x, Increment noise) -> {
                sde.drift(t, x, f);
                sde.diffusion(t, x, noise.dw(), gdw);
                x[0] += f[0] * noise.h() + gdw[0];
            };
        }
        return (double t, double[] x, Increment noise) -> {
            double h = noise.h();
            sde.drift(t, x, f);
            sde.diffusion(t, x, noise.dw(), gdw);
            for (int i = 0; i < d; i++) {
                x[i] += f[i] * h + gdw[i];
            }
        };
    }
}
