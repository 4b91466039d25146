package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * A stage whose blocks are steps of a stochastic Runge–Kutta tableau — forward Euler (ResNet),
 * Heun/RK2 (FractalNet), weak Euler–Maruyama with Bernoulli or uniform noise (stochastic depth,
 * shake-shake), Euler–Maruyama or Milstein with Gaussian noise (neural SDE, SDE depth) — optionally wrapped
 * in the LM-ResNet two-step method with one trainable k per block. Forward and backward are
 * {@link BranchStep}'s and {@link LinearTwoStep}'s: the same code that steps {@code double[]} SDEs.
 */
public final class SchemeStage extends SolverStage {
    private final List<BranchStep<Tensor>> steps = new ArrayList<>();
    private final List<LinearTwoStep<Tensor>> twoSteps;
    private final List<Param> k;
    private final List<BlockNoise> noise;

    /**
     * @param tableau the scheme
     * @param fields  one field per block
     * @param noise   one noise law per block
     * @param k       for LM-ResNet, the trainable coefficient of every block ({@code [1]} tensors; the first
     *                block's is unused, it takes a plain step), else null
     * @param seed    the noise seed
     * @param stage   this stage's index in the network, 0 to 63
     */
    public SchemeStage(StochasticTableau tableau, List<LayerField> fields, List<BlockNoise> noise, List<Param> k,
            long seed, int stage) {
        super(fields, seed, stage);
        if (noise.size() != fields.size() || (k != null && k.size() != fields.size())) {
            throw new IllegalArgumentException("noise: " + noise.size() + " laws, k: " + (k == null ? "none" : k.size())
                    + ": must be one per block (" + fields.size() + ")");
        }
        for (LayerField f : fields) {
            BranchStep<Tensor> step = new BranchStep<>(TensorSpace.INSTANCE, tableau, f);
            f.stages(step.stages());
            steps.add(step);
        }
        this.noise = List.copyOf(noise);
        this.k = k == null ? null : List.copyOf(k);
        this.twoSteps = k == null ? null : steps.stream().map(s -> new LinearTwoStep<>(TensorSpace.INSTANCE, s)).toList();
    }

    @Override
    public void release() {
        super.release();
        steps.forEach(BranchStep::release);
        if (twoSteps != null) {
            twoSteps.forEach(LinearTwoStep::release);
        }
    }

    /** The step of block n (to inspect which branches its last pass evaluated). */
    public BranchStep<Tensor> step(int n) {
        return steps.get(n);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        training(training);
        UniformRandomProvider rng = passRandom(training);
        Tensor current = x;
        Tensor previous = null;
        for (int n = 0; n < steps.size(); n++) {
            BlockNoise law = noise.get(n);
            double[] dw = law.forward(rng, current);
            Tensor next;
            if (twoSteps == null) {
                next = steps.get(n).forward(n, 1, current, dw, null);
            } else {
                double kn = n == 0 ? 0 : k.get(n).value().data()[0];
                next = twoSteps.get(n).forward(n, 1, current, n == 0 ? null : previous, kn, dw, null);
            }
            if (training && law.independentBackward()) {
                steps.get(n).differentiateWithNoise(law.backward(rng, current), null);
            }
            previous = current;
            current = next;
        }
        return current;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        if (twoSteps == null) {
            for (int n = steps.size() - 1; n >= 0; n--) {
                g = steps.get(n).backward(g);
            }
            return g;
        }
        // Two-step chain: x_{n+1} depends on x_n and x_{n−1}; the gradient of x_n collects both.
        Tensor fromLater = null;
        double[] dk = new double[1];
        for (int n = steps.size() - 1; n >= 0; n--) {
            dk[0] = 0;
            Tensor dx = twoSteps.get(n).backward(g, dk);
            if (n > 0) {
                k.get(n).grad().data()[0] += (float) dk[0];
            }
            if (fromLater != null) {
                dx.axpy(1f, fromLater);
            }
            fromLater = twoSteps.get(n).previousGradient();
            g = dx;
        }
        return g;
    }

    @Override
    public List<Param> params() {
        List<Param> all = super.params();
        if (k != null) {
            all.addAll(k.subList(1, k.size()));
        }
        return all;
    }
}
