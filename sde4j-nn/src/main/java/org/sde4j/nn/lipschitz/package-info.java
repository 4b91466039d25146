/**
 * Lipschitz constants of layers and residual blocks — the question behind the well-posedness of the ODE/SDE view
 * of residual networks.
 *
 * <p>A residual network {@code x_{n+1} = x_n + h F_n(x_n)} is forward Euler for {@code x' = F(t, x)}; by
 * Picard–Lindelöf that equation has one solution from each start when F is Lipschitz in x, and its flow then
 * moves nearby inputs apart at most by {@code e^{L t}}. {@link org.sde4j.nn.lipschitz.Lipschitz} estimates L:
 * locally, as the largest singular value of a layer's Jacobian at given inputs (power iteration with the layer's
 * own backward pass), and globally, as a product of operator norms of linear layers (an upper bound). The
 * constraint side is {@link org.sde4j.nn.layers.SpectralNorm}, which keeps a weight's spectral norm at one.
 */
package org.sde4j.nn.lipschitz;
