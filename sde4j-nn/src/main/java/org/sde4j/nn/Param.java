package org.sde4j.nn;

/**
 * A trainable parameter: its value and the gradient of the loss with respect to it, of the same shape.
 * Layers accumulate into {@link #grad()} in their backward pass; the optimizer reads it and the training
 * loop zeroes it before each mini-batch.
 *
 * @param name  a name for checkpoints and messages, e.g. {@code "conv3.weight"}
 * @param value the value (updated in place by optimizers)
 * @param grad  the gradient
 */
public record Param(String name, Tensor value, Tensor grad) {
    /** A parameter over {@code value} with a zero gradient. */
    public static Param of(String name, Tensor value) {
        return new Param(name, value, Tensor.zeros(value.shape()));
    }
}
