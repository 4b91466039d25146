package org.sde4j.nn;

/**
 * Vectorised loops of batch normalisation and element-wise layers: the {@code jdk.incubator.vector} kernels
 * of {@code VectorOps} when {@link Gemm#VECTOR} holds, scalar loops otherwise. Sums are accumulated in float
 * vectors over segments of {@value #SEGMENT} values and the segment sums in double, in a fixed order, so they
 * are deterministic and accurate to about 1e-7 relative for the block sizes of a mini-batch.
 */
public final class Simd {
    /** Values per float partial sum before it is added to the double total. */
    static final int SEGMENT = 1024;

    private Simd() {
    }

    /** {@code Σ x[off .. off+len)}. */
    public static double sum(float[] x, int off, int len) {
        return Gemm.VECTOR ? VectorOps.sum(x, off, len) : ScalarOps.sum(x, off, len);
    }

    /** {@code Σ (x − mu)²} over {@code x[off .. off+len)}. */
    public static double sumSquaredDeviations(float[] x, int off, int len, float mu) {
        return Gemm.VECTOR ? VectorOps.sumSquaredDeviations(x, off, len, mu) : ScalarOps.sumSquaredDeviations(x, off, len, mu);
    }

    /** {@code y = a x + b}, then {@code max(y, 0)} when {@code relu}, over {@code [off, off+len)}. */
    public static void affine(float[] x, float[] y, int off, int len, float a, float b, boolean relu) {
        if (Gemm.VECTOR) {
            VectorOps.affine(x, y, off, len, a, b, relu);
        } else {
            ScalarOps.affine(x, y, off, len, a, b, relu);
        }
    }

    /**
     * {@code y = max((a x + b) + r, 0)} over {@code [off, off+len)}, {@code a x + b} formed as {@link #affine} forms
     * it (so the bits of {@link #affine} followed by {@link #addRelu}).
     */
    public static void affineAddRelu(float[] x, float[] r, float[] y, int off, int len, float a, float b) {
        if (Gemm.VECTOR) {
            VectorOps.affineAddRelu(x, r, y, off, len, a, b);
        } else {
            ScalarOps.affineAddRelu(x, r, y, off, len, a, b);
        }
    }

    /**
     * With {@code g = dy} masked, when {@code relu}, by the fused ReLU's output {@code max(x a + b, 0)} of
     * {@link #affine} being positive (recomputed from x as {@code affine} computed it, so the same mask as from the
     * output): writes {@code Σ g} and {@code Σ g (x − mu)} over {@code [off, off+len)} into {@code out[0]} and
     * {@code out[1]}. Recomputing the mask spares reading the output, one stream of three.
     */
    public static void maskedSums(float[] dy, float[] x, int off, int len, float mu, boolean relu, float a, float b,
            double[] out) {
        if (Gemm.VECTOR) {
            VectorOps.maskedSums(dy, x, off, len, mu, relu, a, b, out);
        } else {
            ScalarOps.maskedSums(dy, x, off, len, mu, relu, a, b, out);
        }
    }

    /**
     * {@code dx = s (g − c0 − (x − mu) c1)} with g as in {@link #maskedSums}, over {@code [off, off+len)}
     * (batch-norm backward; c0 = mean g, c1 = mean g x̂ · invStd).
     */
    public static void normBackward(float[] dy, float[] x, float[] dx, int off, int len, boolean relu, float a,
            float b, float s, float c0, float mu, float c1) {
        if (Gemm.VECTOR) {
            VectorOps.normBackward(dy, x, dx, off, len, relu, a, b, s, c0, mu, c1);
        } else {
            ScalarOps.normBackward(dy, x, dx, off, len, relu, a, b, s, c0, mu, c1);
        }
    }

    /** {@code out = max(a + b, 0)} over {@code [off, off+len)}. */
    public static void addRelu(float[] a, float[] b, float[] out, int off, int len) {
        if (Gemm.VECTOR) {
            VectorOps.addRelu(a, b, out, off, len);
        } else {
            ScalarOps.addRelu(a, b, out, off, len);
        }
    }

    /** {@code out = y > 0 ? dy : 0} over {@code [off, off+len)}. */
    public static void reluMask(float[] y, float[] dy, float[] out, int off, int len) {
        if (Gemm.VECTOR) {
            VectorOps.reluMask(y, dy, out, off, len);
        } else {
            ScalarOps.reluMask(y, dy, out, off, len);
        }
    }

    /** {@code y[off + i] += a x[off + i]} for {@code i < len} (a loop the JIT vectorises by itself). */
    public static void axpy(float a, float[] x, float[] y, int off, int len) {
        for (int i = off; i < off + len; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len}. */
    public static void addTo(float[] dst, int dOff, float[] src, int sOff, int len) {
        if (Gemm.VECTOR) {
            VectorOps.addTo(dst, dOff, src, sOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[dOff + i] += src[sOff + i];
            }
        }
    }

    /** The scalar fallbacks (also the reference in tests). */
    static final class ScalarOps {
        private ScalarOps() {
        }

        static double sum(float[] x, int off, int len) {
            double total = 0;
            for (int s = off; s < off + len; s += SEGMENT) {
                int e = Math.min(off + len, s + SEGMENT);
                float part = 0f;
                for (int i = s; i < e; i++) {
                    part += x[i];
                }
                total += part;
            }
            return total;
        }

        static double sumSquaredDeviations(float[] x, int off, int len, float mu) {
            double total = 0;
            for (int s = off; s < off + len; s += SEGMENT) {
                int e = Math.min(off + len, s + SEGMENT);
                float part = 0f;
                for (int i = s; i < e; i++) {
                    float d = x[i] - mu;
                    part += d * d;
                }
                total += part;
            }
            return total;
        }

        static void affine(float[] x, float[] y, int off, int len, float a, float b, boolean relu) {
            for (int i = off; i < off + len; i++) {
                float v = x[i] * a + b;
                y[i] = relu ? Math.max(0f, v) : v;
            }
        }

        static void affineAddRelu(float[] x, float[] r, float[] y, int off, int len, float a, float b) {
            for (int i = off; i < off + len; i++) {
                float v = x[i] * a + b;
                y[i] = Math.max(0f, v + r[i]);
            }
        }

        static void maskedSums(float[] dy, float[] x, int off, int len, float mu, boolean relu, float a, float b,
                double[] out) {
            double sg = 0;
            double sgx = 0;
            for (int s = off; s < off + len; s += SEGMENT) {
                int e = Math.min(off + len, s + SEGMENT);
                float pa = 0f;
                float pb = 0f;
                for (int i = s; i < e; i++) {
                    float g = relu && x[i] * a + b <= 0f ? 0f : dy[i];
                    pa += g;
                    pb += g * (x[i] - mu);
                }
                sg += pa;
                sgx += pb;
            }
            out[0] = sg;
            out[1] = sgx;
        }

        static void normBackward(float[] dy, float[] x, float[] dx, int off, int len, boolean relu, float a, float b,
                float s, float c0, float mu, float c1) {
            for (int i = off; i < off + len; i++) {
                float g = relu && x[i] * a + b <= 0f ? 0f : dy[i];
                dx[i] = s * (g - c0 - (x[i] - mu) * c1);
            }
        }

        static void addRelu(float[] a, float[] b, float[] out, int off, int len) {
            for (int i = off; i < off + len; i++) {
                out[i] = Math.max(0f, a[i] + b[i]);
            }
        }

        static void reluMask(float[] y, float[] dy, float[] out, int off, int len) {
            for (int i = off; i < off + len; i++) {
                out[i] = y[i] > 0f ? dy[i] : 0f;
            }
        }
    }
}
