package org.sde4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float kernels against a double-precision triple loop, on shapes that exercise every tile and tail
 * (rows not a multiple of 4, columns not a multiple of the vector length, offsets and leading dimensions).
 * Tolerance: 1e-5 relative to Σ|a||b| — float round-off of a k-term sum is at most about k·2⁻²⁴ of it.
 */
class GemmTest {
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(4, 32, 3), Arguments.of(5, 33, 7),
                Arguments.of(8, 784, 72), Arguments.of(7, 49, 288), Arguments.of(13, 100, 17),
                Arguments.of(3, 15, 40), Arguments.of(9, 70, 64), Arguments.of(6, 100, 9),
                Arguments.of(12, 230, 30), Arguments.of(14, 130, 20), Arguments.of(16, 64, 5));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void multiplyMatchesDouble(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 1000 + n * 10 + k);
        int lda = k + 3;
        int ldb = n + 5;
        int ldc = n + 2;
        float[] a = random(r, 2 + m * lda);
        float[] b = random(r, 1 + k * ldb);
        for (boolean acc : new boolean[] {false, true}) {
            float[] c0 = random(r, 4 + m * ldc);
            float[] vec = c0.clone();
            float[] sca = c0.clone();
            Gemm.multiply(m, n, k, a, 2, lda, b, 1, ldb, vec, 4, ldc, acc);
            int[] rows = new int[k];
            for (int p = 0; p < k; p++) {
                rows[p] = 1 + p * ldb;
            }
            Gemm.multiplyScalar(m, n, k, a, 2, lda, b, rows, sca, 4, ldc, acc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = acc ? c0[4 + i * ldc + j] : 0;
                    double mag = Math.abs(s);
                    for (int p = 0; p < k; p++) {
                        double t = (double) a[2 + i * lda + p] * b[1 + p * ldb + j];
                        s += t;
                        mag += Math.abs(t);
                    }
                    double tol = 1e-5 * mag + 1e-30;
                    assertEquals(s, vec[4 + i * ldc + j], tol, "kernel at " + i + "," + j);
                    assertEquals(s, sca[4 + i * ldc + j], tol, "scalar at " + i + "," + j);
                }
            }
            assertEquals(c0[0], vec[0], "elements before the offset untouched");
        }
    }

    /**
     * Rows of B taken anywhere, overlapping and out of order, give the bits of the product with those rows
     * gathered into a contiguous matrix: in both kernels, each entry is formed in the same order.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void rowsAnywhereGiveTheBitsOfTheGatheredMatrix(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(31 + m * 1000 + n * 10 + k);
        float[] a = random(r, m * k);
        float[] pool = random(r, 3 * n + 2 * k + 40);
        int[] rows = new int[k];
        float[] gathered = new float[k * n];
        for (int p = 0; p < k; p++) {
            rows[p] = r.nextInt(pool.length - n + 1);
            System.arraycopy(pool, rows[p], gathered, p * n, n);
        }
        for (boolean scalar : new boolean[] {false, true}) {
            float[] fromRows = new float[m * n];
            float[] contiguous = new float[m * n];
            if (scalar) {
                Gemm.multiplyScalar(m, n, k, a, 0, k, pool, rows, fromRows, 0, n, false);
                int[] plain = new int[k];
                for (int p = 0; p < k; p++) {
                    plain[p] = p * n;
                }
                Gemm.multiplyScalar(m, n, k, a, 0, k, gathered, plain, contiguous, 0, n, false);
            } else {
                Gemm.multiplyRows(m, n, k, a, 0, k, pool, rows, fromRows, 0, n, false);
                Gemm.multiply(m, n, k, a, 0, k, gathered, 0, n, contiguous, 0, n, false);
            }
            for (int e = 0; e < m * n; e++) {
                assertEquals(Float.floatToRawIntBits(contiguous[e]), Float.floatToRawIntBits(fromRows[e]),
                        (scalar ? "scalar" : "default") + " kernel, entry " + e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void multiplyTransposedMatchesDouble(int m, int n, int p) {
        SplittableRandom r = new SplittableRandom(7 + m * 1000 + n * 10 + p);
        int lda = p + 1;
        int ldb = p + 4;
        float[] a = random(r, m * lda);
        float[] b = random(r, 3 + n * ldb);
        float[] c = new float[m * n];
        Gemm.multiplyTransposed(m, n, p, a, 0, lda, b, 3, ldb, c, 0, n, new float[n * p]);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int q = 0; q < p; q++) {
                    double t = (double) a[i * lda + q] * b[3 + j * ldb + q];
                    s += t;
                    mag += Math.abs(t);
                }
                assertEquals(s, c[i * n + j], 1e-5 * mag + 1e-30, "at " + i + "," + j);
            }
        }
    }

    /**
     * Outside the last {@code n mod V} columns (dot products), every entry of the vector kernel is the chain of
     * fused multiply–adds over p in order, whichever tile computed it (6 × 4V, 4 × 4V, 4 × 2V, 1 × 2V, 1 × V): the bits
     * of a {@code Math.fma} loop, which is what makes convolution outputs independent of the block split.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void vectorTilesFormEachEntryAsOneFmaChain(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(5 + m * 1000 + n * 10 + k);
        int lda = k + 1;
        float[] a = random(r, m * lda);
        float[] b = random(r, k * n);
        int[] rows = new int[k];
        for (int p = 0; p < k; p++) {
            rows[p] = p * n;
        }
        for (boolean acc : new boolean[] {false, true}) {
            float[] c0 = random(r, m * n);
            float[] c = c0.clone();
            Gemm.multiplyRows(m, n, k, a, 0, lda, b, rows, c, 0, n, acc);
            // n − n mod 16 is within n − n mod V for every vector length V that divides 16 (4, 8, 16 floats).
            int chained = Gemm.VECTOR ? n - n % 16 : 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < chained; j++) {
                    float s = acc ? c0[i * n + j] : 0f;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(b[p * n + j], a[i * lda + p], s);
                    }
                    assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(c[i * n + j]),
                            "entry " + i + "," + j + (acc ? ", accumulating" : ""));
                }
            }
        }
    }

    /**
     * Each entry of {@code A·Bᵀ} has the same bits whichever tile computed it (4 × 4, 4 × 2 or a single dot
     * product): the whole product against one 1 × 1 product per entry.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void transposedEntriesDoNotDependOnTheTile(int m, int n, int p) {
        SplittableRandom r = new SplittableRandom(11 + m * 1000 + n * 10 + p);
        float[] a = random(r, m * p);
        float[] b = random(r, n * p + 5);
        int[] rows = new int[n];
        for (int j = 0; j < n; j++) {
            rows[j] = r.nextInt(n * p - p + 6);
        }
        float[] c = new float[m * n];
        Gemm.multiplyTransposedRows(m, n, p, a, 0, p, b, rows, c, 0, n, new float[n * p], false);
        float[] one = new float[1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                Gemm.multiplyTransposedRows(1, 1, p, a, i * p, p, b, new int[] {rows[j]}, one, 0, 1, new float[p], false);
                assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(c[i * n + j]),
                        "entry " + i + "," + j);
            }
        }
    }

    /**
     * The same with a contraction of several of {@code VectorGemm.DOT_BLOCK}'s blocks and a scalar tail, accumulating,
     * with B rows anywhere and with B rows in runs of three adjacent ones (a convolution's taps): with vectors
     * narrower than 16 floats the 4 × 2 and 3 × 3 tiles (m = 11 takes both) carry their logical lanes from block to
     * block, and each entry must still have the bits of one unblocked dot product.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void transposedEntriesAcrossContractionBlocksHaveTheBitsOfOneDot(boolean adjacent) {
        SplittableRandom r = new SplittableRandom(adjacent ? 17 : 13);
        int m = 11;
        int n = 8;
        int p = 2 * VectorGemm.DOT_BLOCK + 3 * 16 + 5;
        int lda = p + 3;
        float[] a = random(r, m * lda);
        float[] b = random(r, n * p + 40);
        int[] rows = new int[n];
        for (int j = 0; j < n; j++) {
            rows[j] = adjacent ? 5 + j / 3 * (p + 7) + j % 3 : r.nextInt(n * p - p + 40);
        }
        float[] c0 = random(r, m * n);
        float[] c = c0.clone();
        Gemm.multiplyTransposedRows(m, n, p, a, 0, lda, b, rows, c, 0, n, null, true);
        float[] one = new float[1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                one[0] = c0[i * n + j];
                Gemm.multiplyTransposedRows(1, 1, p, a, i * lda, lda, b, new int[] {rows[j]}, one, 0, 1, null, true);
                assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(c[i * n + j]),
                        "entry " + i + "," + j);
            }
        }
    }

    @Test
    void vectorKernelsAreInUseInTheTestJvm() {
        // Surefire adds --add-modules jdk.incubator.vector, so the tests above check the vector kernels.
        assertTrue(Gemm.VECTOR, "the vector module should be present in the test JVM");
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }
}
