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
public final class EulerMaruyama extends DeclaredScheme implements TableauScheme {
    /** The scheme; stateless, shared. */
    public static final EulerMaruyama INSTANCE = new EulerMaruyama();

    /** The one-stage tableau {@code c = 0, α = 1, β^ΔW = 1}: forward Euler with the noise added. */
    private static final StochasticTableau TABLEAU = StochasticTableau
            .builder(new double[] {0}, new double[][] {{0}}, new double[] {1})
            .noise(NoiseTerm.DW, new double[][] {{0}}, new double[] {1}).build();

    private EulerMaruyama() {
        super("euler-maruyama", "X + f h + g ΔW (Maruyama 1955; Kloeden & Platen §10.2)", Calculus.ITO,
                EnumSet.of(NoiseStructure.GENERAL),
                Orders.strong(0.5).strongOn(NoiseStructure.ADDITIVE, 1.0).weak(1.0).classical(1.0), 1, 1);
    }

    /**
     * The scheme as a tableau, for {@link BranchStep}: the same update, {@code X + f h + g ΔW}. This stepper
     * keeps its own loop because the general {@code g · ΔW} product (any noise structure) has no vector form.
     */
    @Override
    public StochasticTableau tableau() {
        return TABLEAU;
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
