package org.sde4j.solver.step;

import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

/**
 * A textbook SDE with vector-form diffusion (scalar, diagonal or no noise) as a {@link BranchField}: branch 0
 * is the drift f (weights a = 1, b = 0), branch 1 the diffusion vector g (a = 0, b = 1), so that
 * {@link BranchStep} advances it with any tableau exactly as the scheme's own stepper does. Not
 * differentiable; one buffer per stage.
 */
public final class SdeBranchField implements BranchField<double[]> {
    private final Sde sde;
    private final double[][][] out;

    /**
     * @throws IllegalArgumentException when the SDE's diffusion has no vector form (general noise)
     */
    public SdeBranchField(Sde sde, int stages) {
        if (sde.noise() != NoiseStructure.NONE && !sde.hasDiffusionVector()) {
            throw new IllegalArgumentException("sde: " + sde.noise().label() + " noise without a diffusion vector; "
                    + "a branch field needs scalar, diagonal or no noise");
        }
        this.sde = sde;
        this.out = new double[2][stages][sde.stateDimension()];
    }

    @Override
    public int branches() {
        return sde.noise() == NoiseStructure.NONE ? 1 : 2;
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
        double[] result = out[branch][slot];
        if (branch == 0) {
            sde.drift(t, x, result);
        } else {
            sde.diffusionVector(t, x, result);
        }
        return result;
    }
}
