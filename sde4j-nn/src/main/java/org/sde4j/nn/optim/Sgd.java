package org.sde4j.nn.optim;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/**
 * Stochastic gradient descent with momentum μ, optional Nesterov momentum and L2 weight decay λ (PyTorch's
 * {@code torch.optim.SGD} rule, Sutskever et al. 2013 for the Nesterov form):
 *
 * <pre>    g = ∇L + λ w;   b ← μ b + g;   w ← w − η (nesterov ? g + μ b : b)</pre>
 *
 * <p>The buffers b start at zero, so the first step uses {@code b = g}, as PyTorch does.
 */
public final class Sgd implements Optimizer {
    private final List<Param> params;
    private final boolean nesterov;
    private final double weightDecay;
    private final List<Tensor> buffers = new ArrayList<>();

    /**
     * @param params      the parameters to update
     * @param nesterov    whether to use Nesterov momentum
     * @param weightDecay λ ≥ 0
     */
    public Sgd(List<Param> params, boolean nesterov, double weightDecay) {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay = " + weightDecay + ": must be ≥ 0");
        }
        this.params = List.copyOf(params);
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        for (Param p : params) {
            buffers.add(Tensor.zeros(p.value().shape()));
        }
    }

    @Override
    public void step(double lr, double momentum) {
        float eta = (float) lr;
        float mu = (float) momentum;
        float wd = (float) weightDecay;
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).value().data();
            float[] grad = params.get(i).grad().data();
            float[] b = buffers.get(i).data();
            for (int j = 0; j < w.length; j++) {
                float g = grad[j] + wd * w[j];
                b[j] = mu * b[j] + g;
                w[j] -= eta * (nesterov ? g + mu * b[j] : b[j]);
            }
        }
    }

    @Override
    public List<Tensor> state() {
        return List.copyOf(buffers);
    }
}
