package org.sde4j.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code jdk.incubator.vector} kernels behind {@link Simd}; the same sums and orders as its scalar loops' contracts.
 *
 * <p><b>The same bits on every vector width.</b> A sum is formed over {@value #L} logical lanes, whatever the
 * processor's vector length V (16 floats with AVX-512, 8 with AVX2, 4 with NEON): logical lane l accumulates elements
 * l, l + 16, l + 32, … of its segment, the 16 lanes are then added one after another from lane 0, and the last
 * {@code len mod 16} elements of a segment are added by the scalar tail. With V &lt; 16 each logical vector is G = 16/V
 * hardware vectors, accumulated in G passes over the segment (pass g takes lanes g·V … g·V + V − 1), so the register
 * use is that of one accumulator. With V = 16 this is the plain loop. Element-wise kernels whose vector and scalar
 * forms round differently ({@link #affine}: a fused multiply–add against a multiply and an add) likewise run vectors
 * over a multiple of 16 elements only. So a network trains to the same bits on Zen 4 (AVX2 under JDK 17) and Zen 5
 * (AVX-512): before this, the training fingerprints recorded on Zen 5 failed 13 of 14 on Zen 4.
 */
final class VectorOps {
    private static final VectorSpecies<Float> S = species();
    private static final int V = S.length();
    /** The logical vector length of every sum: 16 floats, AVX-512's length. */
    static final int L = 16;
    /** Hardware vectors per logical vector. */
    static final int G = L / V;

    private VectorOps() {
    }

    /** The preferred float species, or the 512-bit one on machines whose vectors are longer (the logical width). */
    static VectorSpecies<Float> species() {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        return preferred.length() > 16 ? FloatVector.SPECIES_512 : preferred;
    }

    /**
     * {@code ((0 + t[o]) + t[o+1]) + … + t[o+15]}: the 16 logical lanes added one after another from lane 0. Not
     * {@code reduceLanes(ADD)}: JDK 17 compiles that to this order, but the API leaves the order open and JDK 25 adds
     * in another once the code is compiled (in 599 of 65 536 random vectors the result differed), so results would
     * depend on the JDK and on whether the JIT has compiled a kernel yet. Written out, every sum has one value.
     */
    static float sumLogicalLanes(float[] t, int o) {
        float s = 0f;
        for (int l = 0; l < L; l++) {
            s += t[o + l];
        }
        return s;
    }

    static double sum(float[] x, int off, int len) {
        float[] lanes = new float[L];
        double total = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            int ve = s + (e - s) / L * L;
            for (int g = 0; g < G; g++) {
                FloatVector acc = FloatVector.zero(S);
                for (int i = s + g * V; i < ve; i += L) {
                    acc = acc.add(FloatVector.fromArray(S, x, i));
                }
                acc.intoArray(lanes, g * V);
            }
            float part = sumLogicalLanes(lanes, 0);
            for (int i = ve; i < e; i++) {
                part += x[i];
            }
            total += part;
        }
        return total;
    }

    static double sumSquaredDeviations(float[] x, int off, int len, float mu) {
        float[] lanes = new float[L];
        double total = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            int ve = s + (e - s) / L * L;
            for (int g = 0; g < G; g++) {
                FloatVector acc = FloatVector.zero(S);
                for (int i = s + g * V; i < ve; i += L) {
                    FloatVector d = FloatVector.fromArray(S, x, i).sub(mu);
                    acc = d.fma(d, acc);
                }
                acc.intoArray(lanes, g * V);
            }
            float part = sumLogicalLanes(lanes, 0);
            for (int i = ve; i < e; i++) {
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
        // Vectors (fused) over a multiple of L elements only, the rest scalar (unfused), as on every width.
        int ve = off + len / L * L;
        for (; i < ve; i += V) {
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

    static void affineAddRelu(float[] x, float[] r, float[] y, int off, int len, float a, float b) {
        int i = off;
        int end = off + len;
        // The multiply–add on affine's vector range, the rest unfused, as affine forms it.
        int ve = off + len / L * L;
        for (; i < ve; i += V) {
            FloatVector.fromArray(S, x, i).fma(a, b).add(FloatVector.fromArray(S, r, i)).max(0f).intoArray(y, i);
        }
        for (; i < end; i++) {
            float v = x[i] * a + b;
            y[i] = Math.max(0f, v + r[i]);
        }
    }

    /**
     * {@code dy[i ..]}, with zeros where the fused ReLU's output {@code max(x a + b, 0)} is zero when {@code relu}:
     * where the multiply–add {@link #affine} formed on vectors, {@code fma(x, a, b) ≤ 0}, the same bits as its test
     * of the output it wrote.
     */
    private static FloatVector gate(float[] dy, float[] x, int i, boolean relu, float a, float b) {
        FloatVector g = FloatVector.fromArray(S, dy, i);
        if (relu) {
            VectorMask<Float> dead = FloatVector.fromArray(S, x, i).fma(a, b).compare(VectorOperators.LE, 0f);
            g = g.blend(0f, dead);
        }
        return g;
    }

    /** {@code dy[i]} gated as by {@link #gate}, where {@link #affine} formed {@code x a + b} without fusing. */
    private static float gateScalar(float[] dy, float[] x, int i, boolean relu, float a, float b) {
        return relu && x[i] * a + b <= 0f ? 0f : dy[i];
    }

    static void maskedSums(float[] dy, float[] x, int off, int len, float mu, boolean relu, float a, float b,
            double[] out) {
        float[] lanes = new float[2 * L];
        double sg = 0;
        double sgx = 0;
        for (int s = off; s < off + len; s += Simd.SEGMENT) {
            int e = Math.min(off + len, s + Simd.SEGMENT);
            // Segments start at multiples of L from off: vectors where affine's were, the scalar tail where its was.
            int ve = s + (e - s) / L * L;
            for (int h = 0; h < G; h++) {
                FloatVector pa = FloatVector.zero(S);
                FloatVector pb = FloatVector.zero(S);
                for (int i = s + h * V; i < ve; i += L) {
                    FloatVector g = gate(dy, x, i, relu, a, b);
                    pa = pa.add(g);
                    pb = g.fma(FloatVector.fromArray(S, x, i).sub(mu), pb);
                }
                pa.intoArray(lanes, h * V);
                pb.intoArray(lanes, L + h * V);
            }
            float sa = sumLogicalLanes(lanes, 0);
            float sb = sumLogicalLanes(lanes, L);
            for (int i = ve; i < e; i++) {
                float g = gateScalar(dy, x, i, relu, a, b);
                sa += g;
                sb += g * (x[i] - mu);
            }
            sg += sa;
            sgx += sb;
        }
        out[0] = sg;
        out[1] = sgx;
    }

    static void normBackward(float[] dy, float[] x, float[] dx, int off, int len, boolean relu, float a, float b,
            float s, float c0, float mu, float c1) {
        int i = off;
        int end = off + len;
        // Vectors over affine's vector range, so that each gate is the one of the forward pass.
        int ve = off + len / L * L;
        for (; i < ve; i += V) {
            FloatVector g = gate(dy, x, i, relu, a, b);
            FloatVector xh = FloatVector.fromArray(S, x, i).sub(mu).mul(c1);
            g.sub(c0).sub(xh).mul(s).intoArray(dx, i);
        }
        for (; i < end; i++) {
            float g = gateScalar(dy, x, i, relu, a, b);
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
            VectorMask<Float> dead = FloatVector.fromArray(S, y, i).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(S, dy, i).blend(0f, dead).intoArray(out, i);
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
