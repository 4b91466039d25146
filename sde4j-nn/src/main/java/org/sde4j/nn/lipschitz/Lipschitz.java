package org.sde4j.nn.lipschitz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.Flatten;
import org.sde4j.nn.layers.GlobalAvgPool;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Relu;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.SpectralNorm;

/**
 * Lipschitz estimates of layers, in the Euclidean norm of each sample.
 *
 * <p><b>Local</b> ({@link #jacobianNorms}): the largest singular value {@code ‖J_f(x)‖₂} of the Jacobian of
 * {@code f} at each sample of a batch — the best local Lipschitz constant of a piecewise-smooth map near x — by
 * power iteration on {@code JᵀJ}:
 *
 * <pre>    u = J v ≈ (f(x + εv) − f(x − εv)) / 2ε,   w = Jᵀ u (the layer's backward pass),
 *     σ² = ⟨v, w⟩,   v ← w / |w|</pre>
 *
 * <p>with one unit vector v per sample, so a batch gives one estimate per sample. The Jacobian–vector product is a
 * central difference of the forward pass (exact for affine maps and, between ReLU kinks, for piecewise-linear
 * ones); the vector–Jacobian product is {@link Layer#backward}. Power iteration approaches σ from below, at the
 * rate {@code (σ₂/σ₁)^{2k}} after k steps.
 *
 * <p><b>Global</b> ({@link #upperBound}): for a composition, {@code Lip(f_L ∘ … ∘ f_1) ≤ Π Lip(f_l)}; ReLU is
 * 1-Lipschitz and a linear (or affine) layer's constant is its operator norm, computed by {@link #operatorNorm}
 * with power iteration on the layer's forward ({@code J v = f(v) − f(0)}) and backward (the transpose) passes. For a
 * convolution this is the norm of the convolution operator on images of the given size, not of the reshaped
 * kernel matrix ({@link #matrixNorm}). A residual block {@code ReLU(S(x) + F(x))} has constant at most
 * {@code Lip(S) + Lip(F)} ({@link #residualBound}). See Gouk, Frank, Pfahringer, Cree (2021, "Regularisation of
 * neural networks by enforcing Lipschitz continuity") for these bounds, and docs/theory.md for why they matter.
 *
 * <p>All methods run the layer in evaluation mode ({@code training = false}), overwrite its forward/backward
 * buffers (so never call them between a forward pass and its backward pass), and leave parameter gradients as they
 * found them.
 */
public final class Lipschitz {
    /** Default number of power-iteration steps. */
    public static final int ITERATIONS = 50;

    private Lipschitz() {
    }

    /**
     * The largest singular value of the layer's Jacobian at each sample of {@code x}.
     *
     * @param layer      the map, run in evaluation mode
     * @param x          inputs, {@code [N, features]} or {@code [C, N, H, W]}; not modified
     * @param iterations power-iteration steps, at least 1
     * @param seed       seed of the starting vectors
     * @return one estimate per sample
     */
    public static double[] jacobianNorms(Layer layer, Tensor x, int iterations, long seed) {
        requireIterations(iterations);
        int n = batchSize(x);
        List<Tensor> grads = saveGrads(layer);
        try {
            Tensor v = Tensor.zeros(x.shape());
            float[] vd = v.data();
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < vd.length; i++) {
                vd[i] = (float) rng.nextGaussian();
            }
            normalizePerSample(v, n, new double[n]);
            float[] xd = x.data();
            double rms = 0;
            for (float f : xd) {
                rms += (double) f * f;
            }
            rms = Math.sqrt(rms / Math.max(1, xd.length));
            double eps = 1e-3 * (1 + rms);
            Tensor xp = Tensor.zeros(x.shape());
            double[] sigma2 = new double[n];
            for (int it = 0; it < iterations; it++) {
                float[] pd = xp.data();
                for (int i = 0; i < xd.length; i++) {
                    pd[i] = (float) (xd[i] + eps * vd[i]);
                }
                Tensor yp = layer.forward(xp, false).copy();
                for (int i = 0; i < xd.length; i++) {
                    pd[i] = (float) (xd[i] - eps * vd[i]);
                }
                Tensor ym = layer.forward(xp, false);
                Tensor jv = Tensor.zeros(yp.shape());
                float[] jd = jv.data();
                float[] ypd = yp.data();
                float[] ymd = ym.data();
                for (int i = 0; i < jd.length; i++) {
                    jd[i] = (float) ((ypd[i] - (double) ymd[i]) / (2 * eps));
                }
                layer.forward(x, false);
                Tensor w = layer.backward(jv);
                if (w == null) {
                    throw new IllegalArgumentException("layer " + layer.getClass().getSimpleName()
                            + ": returns no input gradient (built with inputGradient = false)");
                }
                float[] wd = w.data();
                java.util.Arrays.fill(sigma2, 0);
                for (int i = 0; i < wd.length; i++) {
                    sigma2[sample(x, i)] += (double) vd[i] * wd[i];
                }
                System.arraycopy(wd, 0, vd, 0, vd.length);
                normalizePerSample(v, n, new double[n]);
            }
            double[] sigma = new double[n];
            for (int s = 0; s < n; s++) {
                sigma[s] = Math.sqrt(Math.max(0, sigma2[s]));
            }
            return sigma;
        } finally {
            restoreGrads(layer, grads);
        }
    }

    /**
     * The operator norm {@code max |f(v) − f(0)| / |v|} of an affine layer on one input of shape
     * {@code inputShape} (batch size 1), by power iteration with its forward and backward passes. Applied to a
     * layer that is not affine, the result is the norm of its Jacobian at 0 (for ReLU networks, of the linear
     * pieces at 0), not a bound.
     *
     * @param inputShape the shape of one input, batch dimension included and equal to 1: {@code [1, features]}
     *                   or {@code [C, 1, H, W]}
     */
    public static double operatorNorm(Layer layer, int[] inputShape, int iterations, long seed) {
        requireIterations(iterations);
        Tensor zero = Tensor.zeros(inputShape);
        if (batchSize(zero) != 1) {
            throw new IllegalArgumentException("inputShape " + java.util.Arrays.toString(inputShape)
                    + ": the batch dimension must be 1");
        }
        List<Tensor> grads = saveGrads(layer);
        try {
            Tensor f0 = layer.forward(zero, false).copy();
            Tensor v = Tensor.zeros(inputShape);
            float[] vd = v.data();
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < vd.length; i++) {
                vd[i] = (float) rng.nextGaussian();
            }
            normalizePerSample(v, 1, new double[1]);
            double sigma2 = 0;
            for (int it = 0; it < iterations; it++) {
                Tensor y = layer.forward(v, false);
                Tensor jv = y.copy();
                jv.axpy(-1f, f0);
                Tensor w = layer.backward(jv);
                if (w == null) {
                    throw new IllegalArgumentException("layer " + layer.getClass().getSimpleName()
                            + ": returns no input gradient (built with inputGradient = false)");
                }
                float[] wd = w.data();
                sigma2 = 0;
                for (int i = 0; i < wd.length; i++) {
                    sigma2 += (double) vd[i] * wd[i];
                }
                System.arraycopy(wd, 0, vd, 0, vd.length);
                normalizePerSample(v, 1, new double[1]);
            }
            return Math.sqrt(Math.max(0, sigma2));
        } finally {
            restoreGrads(layer, grads);
        }
    }

    /**
     * The largest singular value of a weight viewed as the matrix {@code [shape[0], size / shape[0]]} — for a
     * convolution kernel {@code [cout, cin·k·k]}, the quantity {@link SpectralNorm} normalises — by power
     * iteration in double.
     */
    public static double matrixNorm(Tensor weight, int iterations) {
        requireIterations(iterations);
        int rows = weight.dim(0);
        int cols = weight.size() / rows;
        float[] m = weight.data();
        double[] v = new double[cols];
        SplittableRandom rng = new SplittableRandom(1);
        for (int j = 0; j < cols; j++) {
            v[j] = rng.nextGaussian();
        }
        double[] u = new double[rows];
        double sigma = 0;
        for (int it = 0; it < iterations; it++) {
            normalize(v);
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += m[i * cols + j] * v[j];
                }
                u[i] = s;
            }
            sigma = Math.sqrt(dot(u, u));
            java.util.Arrays.fill(v, 0);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[j] += m[i * cols + j] * u[i];
                }
            }
        }
        return sigma;
    }

    /**
     * An upper bound of the global Lipschitz constant of {@code layer} on inputs of shape {@code inputShape}
     * (batch size 1): the product of the factors of a {@link Sequential}, 1 for {@link Relu}, and the
     * {@link #operatorNorm} of each affine layer ({@link Dense}, {@link Conv2d}, {@link SpectralNorm},
     * {@link Flatten}, {@link GlobalAvgPool}). Other layers are rejected; for a residual block use
     * {@link #residualBound} with its branch and shortcut. Power iteration approaches each norm from below, so
     * the product is an upper bound up to that (small) error.
     *
     * @throws IllegalArgumentException for a layer type it cannot bound
     */
    public static double upperBound(Layer layer, int[] inputShape, int iterations) {
        double bound = 1;
        int[] shape = inputShape.clone();
        List<Layer> parts = layer instanceof Sequential s ? s.layers() : List.of(layer);
        for (Layer l : parts) {
            if (l instanceof Sequential) {
                bound *= upperBound(l, shape, iterations);
            } else if (l instanceof Relu) {
                bound *= 1;
            } else if (l instanceof Dense || l instanceof Conv2d || l instanceof SpectralNorm
                    || l instanceof Flatten || l instanceof GlobalAvgPool) {
                bound *= operatorNorm(l, shape, iterations, 1);
            } else {
                throw new IllegalArgumentException("layer " + l.getClass().getSimpleName() + ": no Lipschitz bound;"
                        + " allowed: Sequential, Relu, Dense, Conv2d, SpectralNorm, Flatten, GlobalAvgPool"
                        + " (a residual block: residualBound(branch, shortcut, ...))");
            }
            shape = l.forward(Tensor.zeros(shape), false).shape();
        }
        return bound;
    }

    /**
     * An upper bound {@code Lip(S) + Lip(F)} of the Lipschitz constant of the residual block
     * {@code ReLU(S(x) + F(x))} — or of {@code S(x) + F(x)} — with {@code S} the identity when {@code shortcut} is null.
     */
    public static double residualBound(Layer branch, Layer shortcut, int[] inputShape, int iterations) {
        return upperBound(branch, inputShape, iterations)
                + (shortcut == null ? 1 : upperBound(shortcut, inputShape, iterations));
    }

    private static void requireIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ": must be at least 1");
        }
    }

    private static int batchSize(Tensor x) {
        return switch (x.rank()) {
            case 2 -> x.dim(0);
            case 4 -> x.dim(1);
            default -> throw new IllegalArgumentException("input " + x + ": must be [N, features] or [C, N, H, W]");
        };
    }

    /** The sample that flat index i of x belongs to. */
    private static int sample(Tensor x, int i) {
        if (x.rank() == 2) {
            return i / x.dim(1);
        }
        return (i / (x.dim(2) * x.dim(3))) % x.dim(1);
    }

    private static void normalizePerSample(Tensor v, int n, double[] norms) {
        float[] vd = v.data();
        for (int i = 0; i < vd.length; i++) {
            norms[sample(v, i)] += (double) vd[i] * vd[i];
        }
        for (int i = 0; i < vd.length; i++) {
            double norm = Math.sqrt(norms[sample(v, i)]);
            vd[i] = norm > 0 ? (float) (vd[i] / norm) : 0f;
        }
    }

    private static void normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static List<Tensor> saveGrads(Layer layer) {
        List<Tensor> saved = new ArrayList<>();
        for (Param p : layer.params()) {
            saved.add(p.grad().copy());
        }
        return saved;
    }

    private static void restoreGrads(Layer layer, List<Tensor> saved) {
        List<Param> params = layer.params();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).grad().copyFrom(saved.get(i));
        }
    }
}
