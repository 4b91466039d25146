/**
 * The neural-network core: float32 {@link org.sde4j.nn.Tensor tensors} over flat arrays, trainable
 * {@link org.sde4j.nn.Param parameters}, the float {@link org.sde4j.nn.Gemm matrix kernels} and the
 * deterministic {@link org.sde4j.nn.Parallel parallel split} that layers use.
 *
 * <p>Sub-packages: {@code layers} (forward/backward layers and losses), {@code optim} (optimizers and
 * learning-rate schedules), {@code data} (IDX files, Fashion-MNIST, batches, augmentation) and {@code train}
 * (models, the training loop and checkpoints).
 *
 * <p>Reproducibility: every random draw (initialisation, shuffling, augmentation) comes from
 * {@link org.sde4j.random.RandomStreams#stream(long, long)} with an index derived from what is drawn, and
 * every parallel reduction splits the work into chunks that depend only on the problem size and sums them
 * in a fixed order; so a seed gives bit-identical results whatever the number of threads. The threads are
 * owned by whoever made the {@link org.sde4j.nn.Parallel} (a trainer, a command); there is no static pool.
 */
package org.sde4j.nn;
