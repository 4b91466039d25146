package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.solver.step.BranchField;

/**
 * A {@link ParametricSde} at fixed θ as a two-branch differentiable {@link BranchField} (branch 0 the drift with
 * weights (1, 0), branch 1 the diffusion vector with (0, 1)), whose backward passes add {@code (∂B/∂θ)ᵀ dOut} to
 * {@link #parameterGradient()}: what {@link org.sde4j.solver.step.BranchStep} needs to step and differentiate any
 * tableau.
 * Performs, call for call, the same arithmetic as the field of {@link org.sde4j.gradient.Backpropagation}, so a
 * checkpointed pass has the same bits as the stored one.
 */
final class ParametricField implements BranchField<double[]> {
    private final ParametricSde sde;
    private final double[] theta;
    private final double[] dTheta;
    private final double[][][] out;
    private final double[][][] dx;
    private final double[][] slotX;
    private final double[] slotT;

    ParametricField(ParametricSde sde, double[] theta, int stages) {
        int d = sde.stateDimension();
        this.sde = sde;
        this.theta = theta;
        this.dTheta = new double[sde.parameterCount()];
        this.out = new double[2][stages][d];
        this.dx = new double[2][stages][d];
        this.slotX = new double[stages][];
        this.slotT = new double[stages];
    }

    double[] parameterGradient() {
        return dTheta;
    }

    @Override
    public int branches() {
        return 2;
    }

    @Override
    public double driftWeight(int branch, double t) {
        return branch == 0 ? 1 : 0;
    }

    @Override
    public double diffusionWeight(int branch, double t) {
        return branch == 0 ? 0 : 1;
    }

    @Override
    public double[] evaluate(int branch, int slot, double t, double[] x) {
        slotX[slot] = x;
        slotT[slot] = t;
        double[] result = out[branch][slot];
        if (branch == 0) {
            sde.drift(t, x, theta, result);
        } else {
            sde.diffusion(t, x, theta, result);
        }
        return result;
    }

    @Override
    public double[] backward(int branch, int slot, double[] dOut) {
        double[] result = dx[branch][slot];
        Arrays.fill(result, 0);
        if (branch == 0) {
            sde.driftVjp(slotT[slot], slotX[slot], theta, dOut, result, dTheta);
        } else {
            sde.diffusionVjp(slotT[slot], slotX[slot], theta, dOut, result, dTheta);
        }
        return result;
    }
}
