package org.sde4j.nn.arch;

import java.util.List;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;

/**
 * A stage of RevNet blocks: the channels of {@code [C, N, H, W]} split into halves (x₁, x₂) and advanced by
 * {@link CoupledEulerStep}s. The forward pass keeps only the current pair (two pairs of buffers, whatever the
 * depth); the backward pass reconstructs each block's input from its output, recomputing the branches, and
 * each block's branch layers {@linkplain org.sde4j.nn.layers.Layer#release release} their activations as
 * soon as they are no longer needed — so the activations held at any time are those of one block, not L.
 */
public final class ReversibleStage extends SolverStage {
    private final List<CoupledEulerStep<Tensor>> steps;
    private final Tensor[] state = new Tensor[4];
    private final Tensor[] grad = new Tensor[4];
    private int finalPair;
    private Tensor y;
    private Tensor dx;

    /** One coupled step per field (each with branches F and G on C/2 channels). */
    public ReversibleStage(List<LayerField> fields, long seed, int stage) {
        super(fields, seed, stage);
        this.steps = fields.stream().map(f -> new CoupledEulerStep<>(TensorSpace.INSTANCE, f)).toList();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        training(training);
        int c = x.dim(0);
        if (x.rank() != 4 || c % 2 != 0) {
            throw new IllegalArgumentException("input " + x + ": a reversible stage needs [C, N, H, W] with C even");
        }
        int[] half = {c / 2, x.dim(1), x.dim(2), x.dim(3)};
        for (int i = 0; i < 4; i++) {
            state[i] = Tensor.reuse(state[i], half);
            grad[i] = Tensor.reuse(grad[i], half);
        }
        int n = state[0].size();
        System.arraycopy(x.data(), 0, state[0].data(), 0, n);
        System.arraycopy(x.data(), n, state[1].data(), 0, n);
        int in = 0;
        for (int b = 0; b < steps.size(); b++) {
            int out = 2 - in;
            steps.get(b).forward(b, state[in], state[in + 1], state[out], state[out + 1]);
            if (training) {
                fields.get(b).release();
            }
            in = out;
        }
        finalPair = in;
        y = Tensor.reuse(y, x.shape());
        System.arraycopy(state[in].data(), 0, y.data(), 0, n);
        System.arraycopy(state[in + 1].data(), 0, y.data(), n, n);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = state[0].size();
        int out = finalPair;
        System.arraycopy(dy.data(), 0, grad[out].data(), 0, n);
        System.arraycopy(dy.data(), n, grad[out + 1].data(), 0, n);
        for (int b = steps.size() - 1; b >= 0; b--) {
            int in = 2 - out;
            LayerField field = fields.get(b);
            field.freezeRunningStatistics(true);
            steps.get(b).backward(b, state[out], state[out + 1], grad[out], grad[out + 1],
                    state[in], state[in + 1], grad[in], grad[in + 1]);
            field.freezeRunningStatistics(false);
            field.release();
            out = in;
        }
        dx = Tensor.reuse(dx, dy.shape());
        System.arraycopy(grad[out].data(), 0, dx.data(), 0, n);
        System.arraycopy(grad[out + 1].data(), 0, dx.data(), n, n);
        return dx;
    }
}
