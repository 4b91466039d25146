package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;
import org.sde4j.nn.layers.Layer;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * A stage that is an ODE solver by construction: the autonomous ODE {@code x' = F(x)} on {@code [0, T]}, one
 * branch F whose weights do not depend on t (shared by every step), advanced by N steps of size
 * {@code h = T/N} of a registered deterministic tableau through {@link BranchStep} — so the same trained F can
 * be run at another step count or with another scheme ({@link #withSteps}). With Euler this is a weight-tied
 * ResNet stage {@code x_{n+1} = x_n + h F(x_n)}.
 *
 * <p>Every step evaluates a {@linkplain Layer#sharedCopy shared copy} of F (its own activations, the same
 * parameters), so F should hold no batch statistics: use smooth, normalisation-free branches (e.g. tanh–conv–
 * tanh–conv), whose field is then a smooth function of x — the setting in which a scheme's order can show.
 */
public final class OdeStage implements Layer {
    private final Layer branch;
    private final double horizon;
    private final StochasticTableau tableau;
    private final List<LayerField> fields = new ArrayList<>();
    private final List<BranchStep<Tensor>> steps = new ArrayList<>();

    /**
     * @param branch  F, a layer mapping the state to a state of the same shape
     * @param horizon T, positive
     * @param count   N, the number of steps, at least 1
     * @param tableau the scheme (its noise terms, if any, are driven by zero increments)
     */
    public OdeStage(Layer branch, double horizon, int count, StochasticTableau tableau) {
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon = " + horizon + ": must be positive and finite");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + ": must be at least 1");
        }
        this.branch = branch;
        this.horizon = horizon;
        this.tableau = tableau;
        for (int n = 0; n < count; n++) {
            LayerField f = new LayerField(List.of(n == 0 ? branch : branch.sharedCopy()), new double[] {1},
                    new double[] {0});
            BranchStep<Tensor> step = new BranchStep<>(TensorSpace.INSTANCE, tableau, f);
            f.stages(step.stages());
            fields.add(f);
            steps.add(step);
        }
    }

    /** The same F (shared parameters) solved with {@code count} steps of {@code scheme}. */
    public OdeStage withSteps(int count, StochasticTableau scheme) {
        return new OdeStage(branch, horizon, count, scheme);
    }

    /** N. */
    public int count() {
        return steps.size();
    }

    /** h = T/N. */
    public double stepSize() {
        return horizon / steps.size();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        double h = stepSize();
        double[] dw = new double[1];
        Tensor current = x;
        for (int n = 0; n < steps.size(); n++) {
            fields.get(n).training(training);
            current = steps.get(n).forward(n * h, h, current, dw, dw);
        }
        return current;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        for (int n = steps.size() - 1; n >= 0; n--) {
            g = steps.get(n).backward(g);
        }
        return g;
    }

    @Override
    public void release() {
        fields.forEach(LayerField::release);
        steps.forEach(BranchStep::release);
    }

    /** F's parameters, once (every step shares them). */
    @Override
    public List<Param> params() {
        return branch.params();
    }

    @Override
    public List<Tensor> buffers() {
        return branch.buffers();
    }
}
