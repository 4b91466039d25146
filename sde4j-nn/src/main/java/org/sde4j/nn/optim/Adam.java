package org.sde4j.nn.optim;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/**
 * Adam (Kingma &amp; Ba 2015) and AdamW (Loshchilov &amp; Hutter 2019), with step t = 1, 2, …:
 *
 * <pre>    g = ∇L (+ λ w for Adam);  m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
 *    w ← w − η λ w (AdamW only);  w ← w − η (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)</pre>
 *
 * <p>β1 is the {@code momentum} argument of {@link #step}, so one-cycle schedules can vary it.
 */
public final class Adam implements Optimizer {
    private final List<Param> params;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private final Tensor t = Tensor.zeros(1);

    /**
     * @param params      the parameters
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         ε &gt; 0
     * @param weightDecay λ ≥ 0
     * @param decoupled   true for AdamW (decay applied to the weights), false for Adam (L2 added to g)
     */
    public Adam(List<Param> params, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 = " + beta2 + ": must be in [0, 1)");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps = " + eps + ": must be > 0");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay = " + weightDecay + ": must be ≥ 0");
        }
        this.params = List.copyOf(params);
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        for (Param p : params) {
            m.add(Tensor.zeros(p.value().shape()));
            v.add(Tensor.zeros(p.value().shape()));
        }
    }

    @Override
    public void step(double lr, double beta1) {
        float[] count = t.data();
        count[0] += 1;
        double c1 = 1 - Math.pow(beta1, count[0]);
        double c2 = 1 - Math.pow(beta2, count[0]);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float stepSize = (float) (lr / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        float e = (float) eps;
        float wd = (float) weightDecay;
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).value().data();
            float[] grad = params.get(i).grad().data();
            float[] md = m.get(i).data();
            float[] vd = v.get(i).data();
            for (int j = 0; j < w.length; j++) {
                float g = decoupled ? grad[j] : grad[j] + wd * w[j];
                md[j] = b1 * md[j] + (1 - b1) * g;
                vd[j] = b2 * vd[j] + (1 - b2) * g * g;
                w[j] = w[j] * decay - stepSize * md[j] / ((float) Math.sqrt(vd[j]) / sqrtC2 + e);
            }
        }
    }

    @Override
    public List<Tensor> state() {
        List<Tensor> all = new ArrayList<>(m);
        all.addAll(v);
        all.add(t);
        return all;
    }
}
