package org.sde4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorised loops of {@link Simd} against its scalar fallbacks, over lengths with and without vector
 * tails and across several sum segments. Element-wise results must agree exactly, except the fused
 * multiply–add of {@code affine} and {@code normBackward} (1 ulp-level, 1e-6); sums to 1e-5 relative (the
 * lanes add in another order).
 */
class SimdTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 33, 1024, 2500})
    void vectorAndScalarLoopsAgree(int len) {
        SplittableRandom r = new SplittableRandom(len);
        int off = 3;
        float[] x = random(r, off + len);
        float[] y = random(r, off + len);
        float[] dy = random(r, off + len);
        assertEquals(Simd.ScalarOps.sum(x, off, len), VectorOps.sum(x, off, len), 1e-5 * len);
        assertEquals(Simd.ScalarOps.sumSquaredDeviations(x, off, len, 0.1f),
                VectorOps.sumSquaredDeviations(x, off, len, 0.1f), 1e-5 * len);
        double[] a = new double[2];
        double[] b = new double[2];
        Simd.ScalarOps.maskedSums(dy, x, off, len, 0.2f, true, 1.5f, -0.25f, a);
        VectorOps.maskedSums(dy, x, off, len, 0.2f, true, 1.5f, -0.25f, b);
        assertArrayEquals(a, b, 1e-5 * len);
        float[] s = new float[off + len];
        float[] v = new float[off + len];
        Simd.ScalarOps.affine(x, s, off, len, 1.5f, -0.25f, true);
        VectorOps.affine(x, v, off, len, 1.5f, -0.25f, true);
        assertArrayEquals(s, v, 1e-6f);
        Simd.ScalarOps.normBackward(dy, x, s, off, len, true, 1.5f, -0.25f, 0.7f, 0.1f, 0.2f, 0.3f);
        VectorOps.normBackward(dy, x, v, off, len, true, 1.5f, -0.25f, 0.7f, 0.1f, 0.2f, 0.3f);
        assertArrayEquals(s, v, 1e-6f);
        Simd.ScalarOps.affineAddRelu(x, y, s, off, len, 1.5f, -0.25f);
        VectorOps.affineAddRelu(x, y, v, off, len, 1.5f, -0.25f);
        assertArrayEquals(s, v, 1e-6f);
        Simd.ScalarOps.addRelu(x, y, s, off, len);
        VectorOps.addRelu(x, y, v, off, len);
        assertArrayEquals(s, v);
        Simd.ScalarOps.reluMask(y, dy, s, off, len);
        VectorOps.reluMask(y, dy, v, off, len);
        assertArrayEquals(s, v);
        float[] t = x.clone();
        float[] u = x.clone();
        for (int i = 0; i < len; i++) {
            t[off + i] += y[i];
        }
        VectorOps.addTo(u, off, y, 0, len);
        assertArrayEquals(t, u);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }
}
