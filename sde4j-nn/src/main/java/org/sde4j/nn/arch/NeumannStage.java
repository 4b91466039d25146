package org.sde4j.nn.arch;

import java.util.List;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;

/** A stage of PolyNet blocks {@code x + F(x) + F(F(x))}: {@link NeumannStep}s of order 2 (backward Euler). */
public final class NeumannStage extends SolverStage {
    private final List<NeumannStep<Tensor>> steps;

    /** One order-{@code order} Neumann step per field. */
    public NeumannStage(List<LayerField> fields, int order, long seed, int stage) {
        super(fields, seed, stage);
        fields.forEach(f -> f.stages(order));
        this.steps = fields.stream().map(f -> new NeumannStep<>(TensorSpace.INSTANCE, f, order)).toList();
    }

    @Override
    public void release() {
        super.release();
        steps.forEach(NeumannStep::release);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        training(training);
        Tensor current = x;
        for (int n = 0; n < steps.size(); n++) {
            current = steps.get(n).forward(n, current);
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
}
