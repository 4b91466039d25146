package org.sde4j.sde;

/**
 * A vector field {@code v: R × R^d → R^d} evaluated on a block of paths at once, in structure-of-arrays
 * layout: component i of path p lives at {@code x[i · stride + p]}, for {@code p < count ≤ stride}. This
 * is the batched form of an SDE's drift {@code f}, diffusion vector {@code g} (scalar, diagonal or
 * additive noise) or diffusion derivative {@code ∂g_i/∂x_i}: one call per block and step instead of one
 * per path, and an inner loop over p that the JIT compiles to SIMD instructions.
 *
 * <pre>{@code
 * BlockField gbmDrift = (t, x, out, count, stride) -> {
 *     for (int p = 0; p < count; p++) {
 *         out[p] = 1.01 * x[p];            // d = 1: component 0 only
 *     }
 * };
 * }</pre>
 *
 * <p>It must compute the same function as the SDE's per-path form; schemes that step one path at a time
 * use the per-path form, block steppers ({@code org.sde4j.solver.engine.BlockSolver}) the batched one.
 */
@FunctionalInterface
public interface BlockField {
    /**
     * Evaluates {@code out[i·stride + p] = v(t, x[·, p])_i} for every component i &lt; d and path p &lt; count.
     *
     * @param t      time (the same for every path of the block)
     * @param x      states, {@code d · stride} entries (not modified)
     * @param out    values, {@code d · stride} entries (modified: entries of paths p &lt; count)
     * @param count  paths in the block
     * @param stride distance between the components of one path (≥ count)
     */
    void evaluate(double t, double[] x, double[] out, int count, int stride);
}
