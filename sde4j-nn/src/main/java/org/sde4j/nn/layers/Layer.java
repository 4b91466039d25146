package org.sde4j.nn.layers;

import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/**
 * A differentiable map {@code y = f(x; θ)} with its vector–Jacobian products.
 *
 * <p>{@link #forward} computes y and keeps what the backward pass needs (a reference to x, masks,
 * statistics). {@link #backward} takes {@code dy = ∂L/∂y} of the last forward call, adds
 * {@code ∂L/∂θ = (∂y/∂θ)ᵀ dy} to the gradients of {@link #params()} and returns {@code ∂L/∂x = (∂y/∂x)ᵀ dy}.
 * {@code backward} differentiates the forward pass of the mode it ran in (batch norm: batch or running statistics).
 * Neither pass modifies its argument. Returned tensors belong to the layer and are overwritten by its next
 * call.
 */
public interface Layer {
    /**
     * @param x        the input; not modified, and kept until the next forward call
     * @param training whether in training mode (batch statistics in batch norm) or evaluation mode
     * @return the output, a buffer of this layer
     */
    Tensor forward(Tensor x, boolean training);

    /**
     * @param dy ∂L/∂y for the output of the last forward call; not modified
     * @return ∂L/∂x, a buffer of this layer (null from a first layer built without input gradient)
     */
    Tensor backward(Tensor dy);

    /**
     * A second instance of this layer with the same parameters and buffers (shared, not copied) but its own
     * workspace: what a scheme needs to evaluate one residual branch at several stages of a step and still
     * differentiate each evaluation. Gradients of both instances accumulate into the shared parameters.
     *
     * @throws UnsupportedOperationException for layers that do not support it
     */
    default Layer sharedCopy() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be shared between stages");
    }

    /**
     * A {@linkplain #sharedCopy shared copy} whose normalisation statistics (batch norm's running mean and
     * variance, used at evaluation) are its own, fresh: for a stage of a scheme whose inputs follow another
     * law than the original's — PolyNet's F(F(x)) sees F(x), not x. Training mode normalises each evaluation
     * with its own batch statistics anyway; without this, evaluation mode would apply one mixture of both
     * laws' running statistics to each. The default is {@link #sharedCopy()} (a layer without statistics).
     *
     * @throws UnsupportedOperationException for layers that do not support it
     */
    default Layer sharedCopyWithOwnStatistics() {
        return sharedCopy();
    }

    /**
     * Drops the activations kept for the backward pass and the output buffers (they are allocated again
     * by the next forward call): for architectures that recompute activations instead of storing them.
     * The default does nothing.
     */
    default void release() {
    }

    /** The trainable parameters, in a fixed order. */
    default List<Param> params() {
        return List.of();
    }

    /** Non-trainable state saved in checkpoints (running statistics), in a fixed order. */
    default List<Tensor> buffers() {
        return List.of();
    }
}
