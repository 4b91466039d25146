package org.sde4j.nn.optim;

import java.util.List;
import org.sde4j.nn.Tensor;

/** Updates parameters in place from their gradients. */
public interface Optimizer {
    /**
     * One update of every parameter from its current gradient (the gradients are not modified).
     *
     * @param lr       the learning rate for this step, from a {@link Schedule}
     * @param momentum the momentum (SGD) or β1 (Adam) for this step, from a {@link Schedule}
     */
    void step(double lr, double momentum);

    /** The optimizer's state (momentum buffers, moments, step count) for checkpoints, in a fixed order. */
    List<Tensor> state();
}
