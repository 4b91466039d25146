package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;

/**
 * The Milstein scheme (Milstein 1974; Kloeden &amp; Platen 1992, §10.3) for diagonal noise and scalar
 * noise in one dimension, with the diffusion derivative {@code g_i' = ∂g_i/∂x_i} supplied by the user:
 *
 * <pre>
 *   Itô:           X_{n+1,i} = X_i + f_i h + g_i ΔW_i + ½ g_i g_i' (ΔW_i² − h)
 *   Stratonovich:  X_{n+1,i} = X_i + f_i h + g_i ΔW_i + ½ g_i g_i' ΔW_i²
 * </pre>
 *
 * <p>with every function evaluated at {@code (t_n, X_n)}. Strong order 1.0, weak order 1. For additive
 * noise the correction vanishes and the scheme is Euler–Maruyama (no derivative needed). One drift,
 * one diffusion and one derivative evaluation per step. Without a derivative, use
 * {@link DerivativeFreeMilstein}.
 */
public final class Milstein extends DeclaredScheme {
    /** The Itô form. */
    public static final Milstein ITO = new Milstein(Calculus.ITO, "milstein",
            "X + f h + g ΔW + ½ g g' (ΔW² − h) (Milstein 1974; Kloeden & Platen §10.3)");
    /** The Stratonovich form. */
    public static final Milstein STRATONOVICH = new Milstein(Calculus.STRATONOVICH, "milstein-strat",
            "X + f h + g ΔW + ½ g g' ΔW² (Kloeden & Platen §10.3)");

    private final double hCoefficient;

    private Milstein(Calculus calculus, String name, String description) {
        super(name, description, calculus,
                EnumSet.of(NoiseStructure.SCALAR, NoiseStructure.DIAGONAL, NoiseStructure.ADDITIVE),
                Orders.strong(1.0).weak(1.0).classical(1.0), 1, 1);
        this.hCoefficient = calculus == Calculus.ITO ? 1.0 : 0.0;
    }

    /**
     * Also checks that scalar noise has d = 1 and that the derivative is supplied (unless the noise is
     * additive).
     */
    @Override
    public void checkSupports(Sde sde) {
        super.checkSupports(sde);
        if (sde.noise() == NoiseStructure.SCALAR && sde.stateDimension() > 1) {
            throw new IllegalArgumentException("scheme " + name() + " needs diagonal noise or scalar noise with d = 1,"
                    + " but this SDE has scalar noise with d = " + sde.stateDimension()
                    + ": use milstein-df, which needs no derivative");
        }
        if (sde.noise() != NoiseStructure.ADDITIVE && !sde.hasDiffusionDerivative()) {
            throw new IllegalArgumentException("scheme " + name() + " needs the diffusion derivative ∂g_i/∂x_i,"
                    + " which this SDE does not supply: add it with diffusionDerivative(...) or use milstein-df");
        }
    }

    /**
     * The Itô form's block kernels: {@link BlockStepper.ItoMilstein}, or Euler–Maruyama's for additive noise (where the
     * correction vanishes). Milstein has no tableau (it reads {@code ∂g/∂x}), so these are its only block form; the
     * Stratonovich form has none.
     */
    @Override
    public java.util.Optional<BlockStepper.Factory> fusedBlockKernel(Sde sde) {
        if (calculus() != Calculus.ITO) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(sde.noise() == NoiseStructure.ADDITIVE ? BlockStepper.Euler::new
                : BlockStepper.ItoMilstein::new);
    }

    /** {@code ½ g_i g_i' (ΔW_i² − h)} per component: {@link IncrementUse#COMPONENT_SQUARES}. */
    @Override
    public IncrementUse incrementUse() {
        return IncrementUse.COMPONENT_SQUARES;
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        if (sde.noise() == NoiseStructure.ADDITIVE) {
            return EulerMaruyama.INSTANCE.newStepper(sde.interpretedIn(Calculus.ITO));
        }
        int d = sde.stateDimension();
        double[] f = new double[d];
        double[] g = new double[d];
        double[] dg = new double[d];
        double c = hCoefficient;
        return (double t, double[] x, Increment noise) -> {
            double h = noise.h();
            double[] dw = noise.dw();
            sde.drift(t, x, f);
            sde.diffusionVector(t, x, g);
            sde.diffusionDerivative(t, x, dg);
            for (int i = 0; i < d; i++) {
                double w = dw[i];
                x[i] += f[i] * h + g[i] * w + 0.5 * g[i] * dg[i] * (w * w - c * h);
            }
        };
    }
}
