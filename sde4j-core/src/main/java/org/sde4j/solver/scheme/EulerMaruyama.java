package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * The Euler–Maruyama scheme (Maruyama 1955; Kloeden &amp; Platen 1992, §10.2):
 *
 * <pre>    X_{n+1} = X_n + f(t_n, X_n) h + g(t_n, X_n) ΔW_n</pre>
 *
 * <p>Itô calculus, any noise structure. Strong order 0.5 (1.0 for additive noise, where it coincides
 * with the Milstein scheme), weak order 1. One drift and one diffusion evaluation per step.
 *
 * <p>An ordinary tableau scheme ({@link #TABLEAU}, one stage), with two fused kernels of its own that compute the
 * same update: {@link #fusedStepper} on the path engine and {@link BlockStepper.Euler} on the block engine. Each
 * earns its place by a measured margin on a whole ensemble solve on one thread against the generic tableau step
 * (a scheme built by {@code RungeKuttaScheme.of} from the same tableau), median thread CPU of 5 alternating runs on
 * a shared 2-core machine ({@code bench/SchemeLoopsVsTableau.java}, 2026-12-07):
 *
 * <table>
 * <caption>Fused kernels against the generic tableau step</caption>
 * <tr><th>engine</th><th>problem</th><th>paths × steps</th><th>fused</th><th>tableau</th><th>ratio</th></tr>
 * <tr><td>path</td><td>gbm</td><td>4·10^4 × 256</td><td>0.106 s</td><td>0.239 s</td><td>2.26×</td></tr>
 * <tr><td>path</td><td>2-d diagonal</td><td>4·10^4 × 256</td><td>0.297 s</td><td>0.485 s</td><td>1.64×</td></tr>
 * <tr><td>path</td><td>linear-2d (general noise)</td><td>4·10^4 × 256</td><td>0.260 s</td><td>0.458 s</td><td>1.76×</td></tr>
 * <tr><td>block</td><td>gbm</td><td>4·10^5 × 256</td><td>0.124 s</td><td>0.180 s</td><td>1.45×</td></tr>
 * <tr><td>block</td><td>2-d diagonal</td><td>4·10^5 × 256</td><td>2.358 s</td><td>2.356 s</td><td>1.00×</td></tr>
 * </table>
 *
 * <p>A second run, on this code and under heavier load of the shared machine, gave 1.57×, 1.51×, 1.62× (path) and
 * 1.44×, 1.01× (block). The block kernel's margin is on d = 1 (one pass, {@link BlockStepper#scalarUpdate}); on the 2-d problem, whose
 * functions have no batched forms (a sine per path and step), the evaluations dominate and the two tie. The kernel
 * serves d &gt; 1 too because its bits there are recorded ({@code BlockEngineReferenceTest}). The kernels may round differently from the tableau step (the per-path one computes {@code x + (f h + g ΔW)},
 * the tableau step {@code (x + f h) + g ΔW} when d &gt; 1), so their bits are theirs; {@code FusedKernelTest} binds each to the tableau step to 1e-13.
 * {@link WeakSchemes#WEAK_EULER} is the same tableau driven by two-point noise, without the kernels.
 */
public final class EulerMaruyama {
    /** The one-stage tableau {@code c = 0, α = 1, β^ΔW = 1}: forward Euler with the noise added. */
    static final StochasticTableau TABLEAU = StochasticTableau
            .builder(new double[] {0}, new double[][] {{0}}, new double[] {1})
            .noise(NoiseTerm.DW, new double[][] {{0}}, new double[] {1}).build();

    /** The scheme; stateless, shared. */
    public static final RungeKuttaScheme INSTANCE = RungeKuttaScheme.of("euler-maruyama",
            "X + f h + g ΔW (Maruyama 1955; Kloeden & Platen §10.2)", Calculus.ITO, EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.5).strongOn(NoiseStructure.ADDITIVE, 1.0).weak(1.0).classical(1.0), TABLEAU)
            .withFusedKernels(EulerMaruyama::fusedStepper, BlockStepper.Euler::new);

    private EulerMaruyama() {
    }

    /**
     * The fused per-path step {@code x += f h + g·ΔW}, with the product {@code g·ΔW} from the SDE (any noise
     * structure) and, for d = 1, no loop.
     */
    static Stepper fusedStepper(Sde sde) {
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
