/**
 * Layers with forward and backward passes over channel-major {@code [C, N, H, W]} {@link org.sde4j.nn.Tensor tensors}: dense, 2-D
 * convolution, batch normalisation (optionally fused with ReLU, or, at the end of a residual branch, with the residual
 * sum and ReLU), ReLU, average and max pooling, global
 * average pooling, flatten, residual blocks, sequential composition, spectral normalisation of dense and
 * convolution weights ({@link org.sde4j.nn.layers.SpectralNorm}), and the softmax cross-entropy loss.
 *
 * <p>Contract of {@link org.sde4j.nn.layers.Layer}: {@code forward} keeps what {@code backward} needs;
 * {@code backward(dy)} adds the parameter gradients to each {@link org.sde4j.nn.Param#grad()} and returns
 * dL/dx. Returned tensors are buffers owned by the layer and overwritten by its next call. Every backward
 * pass is checked against central finite differences in the tests.
 *
 * <p>Threads: a layer is not thread-safe. It keeps its input and its output buffers between forward and
 * backward, so one layer (or network) serves one thread at a time; its passes parallelise internally over
 * images and channels on the threads of the {@link org.sde4j.nn.Parallel} the calling thread is inside (none:
 * the calling thread alone), with results independent of the thread count. Build one network per thread to
 * evaluate in parallel from outside.
 */
package org.sde4j.nn.layers;
