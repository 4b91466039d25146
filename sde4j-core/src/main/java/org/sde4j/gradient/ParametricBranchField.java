package org.sde4j.gradient;

import org.sde4j.solver.step.BranchField;

/**
 * A {@link ParametricSde} at a given θ as a differentiable {@link BranchField}: branch 0 is the drift
 * (weights a = 1, b = 0), branch 1 the diffusion vector (a = 0, b = 1), so that
 * {@link org.sde4j.solver.step.BranchStep} steps it with any tableau and backpropagates through the step. The
 * backward pass of each branch evaluation adds {@code (∂B/∂θ)ᵀ dOut} to {@link #parameterGradient()}. The field of
 * {@link Backpropagation} and of the checkpointed passes of {@code org.sde4j.sensitivity}, so both do the same
 * arithmetic, call for call.
 */
public final class ParametricBranchField implements BranchField<double[]> {
    private final ParametricSde sde;
    private final double[] theta;
    private final double[] dTheta;
    private final double[][][] out;
    private final double[][][] dx;
    private final double[][] slotX;
    private final double[] slotT;

    /**
     * @param sde    the parametric SDE
     * @param theta  the parameters (not copied: the caller keeps it fixed while the field is used)
     * @param stages the stages of the tableau that steps it
     */
    public ParametricBranchField(ParametricSde sde, double[] theta, int stages) {
        int d = sde.stateDimension();
        this.sde = sde;
        this.theta = theta;
        this.dTheta = new double[sde.parameterCount()];
        this.out = new double[2][stages][d];
        this.dx = new double[2][stages][d];
        this.slotX = new double[stages][];
        this.slotT = new double[stages];
    }

    /**
     * The accumulated {@code ∂L/∂θ}.
     *
     * @return the live array
     */
    public double[] parameterGradient() {
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
        java.util.Arrays.fill(result, 0);
        if (branch == 0) {
            sde.driftVjp(slotT[slot], slotX[slot], theta, dOut, result, dTheta);
        } else {
            sde.diffusionVjp(slotT[slot], slotX[slot], theta, dOut, result, dTheta);
        }
        return result;
    }
}
