package org.sde4j.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The {@code jdk.incubator.vector} kernels behind {@link Simd}; the same sums and orders as its scalar loops' contracts. */
final class VectorOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    private VectorOps() {
    }

    /**
     * The lanes of {@code x} added one after another onto +0: {@code ((0 + x₀) + x₁) + … + x_{V−1}}, through
     * {@code lanes} (at least V floats, overwritten). JDK 17 compiles {@code reduceLanes(ADD)} to this order, but the
     * API leaves the order open and JDK 25 adds in another once the code is compiled (in 599 of 65 536 random
     * vectors the result differed), so results would depend on the JDK and on whether the JIT has compiled a
     * kernel yet. Written out, every sum has one value on every JDK.
     */
    static float sumLanes(FloatVector x, float[] lanes) {
        x.intoArray(lanes, 0);
        float s = 0f;
        for (int l = 0; l < V; l++) {
            s += lanes[l];
        }
        return s;
    }

    static double sum(float[] x, int off, int len) {
        float[] lanes = new float[V];
        double total = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            FloatVector acc = FloatVector.zero(S);
            int i = s;
            for (; i + V <= e; i += V) {
                acc = acc.add(FloatVector.fromArray(S, x, i));
            }
            float part = sumLanes(acc, lanes);
            for (; i < e; i++) {
                part += x[i];
            }
            total += part;
        }
        return total;
    }

    static double sumSquaredDeviations(float[] x, int off, int len, float mu) {
        float[] lanes = new float[V];
        double total = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            FloatVector acc = FloatVector.zero(S);
            int i = s;
            for (; i + V <= e; i += V) {
                FloatVector d = FloatVector.fromArray(S, x, i).sub(mu);
                acc = d.fma(d, acc);
            }
            float part = sumLanes(acc, lanes);
            for (; i < e; i++) {
                float d = x[i] - mu;
                part += d * d;
            }
            total += part;
        }
        return total;
    }

    static void affine(float[] x, float[] y, int off, int len, float a, float b, boolean relu) {
        int i = off;
        int end = off + len;
        for (; i + V <= end; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i).fma(a, b);
            if (relu) {
                v = v.max(0f);
            }
            v.intoArray(y, i);
        }
        for (; i < end; i++) {
            float v = x[i] * a + b;
            y[i] = relu ? Math.max(0f, v) : v;
        }
    }

    private static FloatVector gate(float[] dy, float[] y, int i, boolean relu) {
        FloatVector g = FloatVector.fromArray(S, dy, i);
        if (relu) {
            VectorMask<Float> dead = FloatVector.fromArray(S, y, i).compare(VectorOperators.LE, 0f);
            g = g.blend(0f, dead);
        }
        return g;
    }

    static void maskedSums(float[] dy, float[] y, float[] x, int off, int len, float mu, boolean relu, double[] out) {
        float[] lanes = new float[V];
        double sg = 0;
        double sgx = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            FloatVector a = FloatVector.zero(S);
            FloatVector b = FloatVector.zero(S);
            int i = s;
            for (; i + V <= e; i += V) {
                FloatVector g = gate(dy, y, i, relu);
                a = a.add(g);
                b = g.fma(FloatVector.fromArray(S, x, i).sub(mu), b);
            }
            float pa = sumLanes(a, lanes);
            float pb = sumLanes(b, lanes);
            for (; i < e; i++) {
                float g = relu && y[i] <= 0f ? 0f : dy[i];
                pa += g;
                pb += g * (x[i] - mu);
            }
            sg += pa;
            sgx += pb;
        }
        out[0] = sg;
        out[1] = sgx;
    }

    static void normBackward(float[] dy, float[] y, float[] x, float[] dx, int off, int len, boolean relu, float s,
            float c0, float mu, float c1) {
        int i = off;
        int end = off + len;
        for (; i + V <= end; i += V) {
            FloatVector g = gate(dy, y, i, relu);
            FloatVector xh = FloatVector.fromArray(S, x, i).sub(mu).mul(c1);
            g.sub(c0).sub(xh).mul(s).intoArray(dx, i);
        }
        for (; i < end; i++) {
            float g = relu && y[i] <= 0f ? 0f : dy[i];
            dx[i] = s * (g - c0 - (x[i] - mu) * c1);
        }
    }

    static void addRelu(float[] a, float[] b, float[] out, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + V <= end; i += V) {
            FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).max(0f).intoArray(out, i);
        }
        for (; i < end; i++) {
            out[i] = Math.max(0f, a[i] + b[i]);
        }
    }

    static void reluMask(float[] y, float[] dy, float[] out, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + V <= end; i += V) {
            gate(dy, y, i, true).intoArray(out, i);
        }
        for (; i < end; i++) {
            out[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    static void addTo(float[] dst, int dOff, float[] src, int sOff, int len) {
        int i = 0;
        for (; i + V <= len; i += V) {
            FloatVector.fromArray(S, dst, dOff + i).add(FloatVector.fromArray(S, src, sOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }
}
