package org.sde4j.nn.layers;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/**
 * Spectral normalisation of a {@link Dense} or {@link Conv2d} layer (Miyato, Kataoka, Koyama, Yoshida 2018,
 * "Spectral normalization for generative adversarial networks"): the layer computes with
 *
 * <pre>    W = V / σ(V),   σ(V) = largest singular value of V viewed as a matrix</pre>
 *
 * <p>so its weight matrix has spectral norm 1. The trainable parameter is V (same name and shape as the wrapped
 * layer's weight, so checkpoints keep their names); the wrapped layer's own weight holds W and is recomputed at
 * every forward pass. The matrix view is {@code [in, out]} for a dense layer and {@code [cout, cin·k·k]} for a
 * convolution, as in the paper. For a convolution this normalises the reshaped kernel, not the convolution
 * operator: the operator's norm on an image is at most {@code k·σ} for stride 1 (Tsuzuku, Sato, Sugiyama 2018), and
 * {@link org.sde4j.nn.lipschitz.Lipschitz#operatorNorm} measures it.
 *
 * <p>σ is estimated by power iteration with a persistent left vector u (a checkpointed buffer, initialised at
 * random): each training forward pass takes one step
 *
 * <pre>    v ← Vᵀu / |Vᵀu|,   u ← V v / |V v|,   σ = uᵀ V v</pre>
 *
 * <p>and an evaluation pass reuses the stored u and v ({@code σ = uᵀ V v}, no update). Gradient, with u and v held
 * fixed as in the paper's approximation (their eq. 12), from {@code G = ∂L/∂W} of the wrapped layer:
 *
 * <pre>    ∂L/∂V = (G − ⟨G, W⟩ u vᵀ) / σ</pre>
 *
 * <p>which is the exact gradient of {@code V ↦ V / (uᵀ V v)} and, once u and v have converged to the top singular
 * pair, of {@code V ↦ V / σ_max(V)}. Other parameters (a dense bias) and the input gradient are the wrapped layer's.
 *
 * <p>Not shareable between the stages of a multi-stage scheme ({@link #sharedCopy()} is unsupported): each training
 * forward pass advances the power iteration and rewrites the wrapped layer's weight, so two interleaved
 * evaluations would differentiate with each other's σ.
 */
public final class SpectralNorm implements Layer {
    private final Layer inner;
    private final Param weight;
    private final Param raw;
    private final int rows;
    private final int cols;
    private final Tensor u;
    private final Tensor v;
    private final double[] mv;
    private final double[] mtu;
    private double sigma = Double.NaN;

    private SpectralNorm(Layer inner, Param weight, UniformRandomProvider rng) {
        this.inner = inner;
        this.weight = weight;
        this.raw = Param.of(weight.name(), weight.value().copy());
        this.rows = weight.value().dim(0);
        this.cols = weight.value().size() / rows;
        this.u = Tensor.zeros(rows);
        this.v = Tensor.zeros(cols);
        this.mv = new double[rows];
        this.mtu = new double[cols];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] ud = u.data();
        double norm = 0;
        for (int i = 0; i < rows; i++) {
            ud[i] = (float) g.sample();
            norm += ud[i] * ud[i];
        }
        scale(ud, 1 / Math.sqrt(norm));
    }

    /** A spectrally normalised dense layer: {@code y = x W + b} with {@code W = V / σ(V)}. */
    public static SpectralNorm of(Dense layer, UniformRandomProvider rng) {
        return new SpectralNorm(layer, layer.weight(), rng);
    }

    /** A spectrally normalised convolution: W = V / σ(V), V viewed as {@code [cout, cin·k·k]}. */
    public static SpectralNorm of(Conv2d layer, UniformRandomProvider rng) {
        return new SpectralNorm(layer, layer.weight(), rng);
    }

    /** The wrapped layer, whose weight holds W = V / σ after each forward pass. */
    public Layer layer() {
        return inner;
    }

    /** The trainable, unnormalised weight V. */
    public Param rawWeight() {
        return raw;
    }

    /** σ used by the last forward pass (NaN before the first). */
    public double sigma() {
        return sigma;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        float[] vd = v.data();
        boolean noV = true;
        for (float f : vd) {
            if (f != 0) {
                noV = false;
                break;
            }
        }
        if (training || noV) {
            // v ← Vᵀu / |Vᵀu| (also in evaluation before any training pass: v is a function of u).
            multiplyTransposed(u.data(), mtu);
            copyNormalized(mtu, vd);
        }
        multiply(vd, mv);
        if (training) {
            copyNormalized(mv, u.data());
        }
        double s = 0;
        float[] ud = u.data();
        for (int i = 0; i < rows; i++) {
            s += ud[i] * mv[i];
        }
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalStateException("spectral norm estimate σ = " + s + " of " + raw.name()
                    + ": must be positive and finite (is the weight zero?)");
        }
        sigma = s;
        float[] w = weight.value().data();
        float[] vv = raw.value().data();
        float inv = (float) (1 / s);
        for (int i = 0; i < w.length; i++) {
            w[i] = vv[i] * inv;
        }
        return inner.forward(x, training);
    }

    @Override
    public Tensor backward(Tensor dy) {
        weight.grad().zero();
        Tensor dx = inner.backward(dy);
        float[] g = weight.grad().data();
        float[] w = weight.value().data();
        double lambda = 0;
        for (int i = 0; i < g.length; i++) {
            lambda += (double) g[i] * w[i];
        }
        float[] ud = u.data();
        float[] vd = v.data();
        float[] dv = raw.grad().data();
        for (int i = 0; i < rows; i++) {
            double lu = lambda * ud[i];
            for (int j = 0; j < cols; j++) {
                int idx = i * cols + j;
                dv[idx] += (float) ((g[idx] - lu * vd[j]) / sigma);
            }
        }
        return dx;
    }

    /** Releases the wrapped layer's activations and buffers. */
    @Override
    public void release() {
        inner.release();
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Param p : inner.params()) {
            all.add(p == weight ? raw : p);
        }
        return all;
    }

    /** The wrapped layer's buffers, then u and v. */
    @Override
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>(inner.buffers());
        all.add(u);
        all.add(v);
        return all;
    }

    private void multiply(float[] x, double[] out) {
        float[] m = raw.value().data();
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += (double) m[i * cols + j] * x[j];
            }
            out[i] = s;
        }
    }

    private void multiplyTransposed(float[] x, double[] out) {
        float[] m = raw.value().data();
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < rows; i++) {
            double xi = x[i];
            for (int j = 0; j < cols; j++) {
                out[j] += m[i * cols + j] * xi;
            }
        }
    }

    private static void copyNormalized(double[] from, float[] to) {
        double norm = 0;
        for (double d : from) {
            norm += d * d;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            throw new IllegalStateException("spectral normalisation: power-iteration vector of norm " + norm
                    + ": the weight must not be zero");
        }
        for (int i = 0; i < from.length; i++) {
            to[i] = (float) (from[i] / norm);
        }
    }

    private static void scale(float[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] * a);
        }
    }
}
