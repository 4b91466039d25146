package org.sde4j.nn;

/**
 * Single-threaded float matrix products on row-major arrays with offsets and leading dimensions:
 *
 * <pre>    C[M×N] = β C + A[M×K] · B[K×N]      (β ∈ {0, 1})</pre>
 *
 * <p>The scalar kernel walks C one row at a time and, for four rows of B at once, adds
 * <p>When the JDK's vector module is present, the register-tiled kernels of {@code VectorGemm} do the work;
 * otherwise the scalar kernel below: it adds {@code a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]} to {@code c[j]}: the inner loop over {@code j} is a
 * contiguous, branch-free loop that HotSpot's superword pass compiles to SIMD code, and it loads and stores
 * the C row once per four rank-one updates instead of once per update. Columns are processed in tiles of
 * {@value #TILE} so the C tile stays in L1 while all of K streams through it. Products with a transposed
 * operand are formed by the callers through {@link #transpose}, which is cheap next to the product for the
 * shapes of convolution layers.
 */
public final class Gemm {
    /** Column tile: 512 floats of C (2 KiB) stay in L1 across the k loop. */
    static final int TILE = 512;
    /** Whether the vector kernels are in use (module present, not disabled by {@code -Dsde4j.scalar=true}). */
    public static final boolean VECTOR = detectVector();

    private static boolean detectVector() {
        if (Boolean.getBoolean("sde4j.scalar")) {
            return false;
        }
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorGemm.available();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private Gemm() {
    }

    /**
     * {@code C ← (accumulate ? C : 0) + A · B}.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a A, element (i, p) at {@code a[aOff + i * lda + p]}; not modified
     * @param b B, element (p, j) at {@code b[bOff + p * ldb + j]}; not modified
     * @param c C, element (i, j) at {@code c[cOff + i * ldc + j]}; modified
     */
    public static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int[] rows = rowOffsets(k, bOff, ldb);
        multiplyRows(m, n, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
    }


    /**
     * {@code C ← (accumulate ? C : 0) + A · B} where each row of B starts anywhere in {@code b}: element
     * (p, j) of B is {@code b[rows[p] + j]}. Rows may overlap; a convolution reads its input this way, as k²
     * shifted views of zero-padded planes instead of an unfolded matrix (see
     * {@code org.sde4j.nn.layers.ShiftedConvolution}). Each C(i, j) is formed by the same operations in the same
     * order as when B's rows are contiguous, so the bits do not depend on where the rows are.
     *
     * @param rows row offsets of B, at least {@code k} of them; row p's n elements must lie inside {@code b}
     */
    public static void multiplyRows(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        if (VECTOR) {
            VectorGemm.multiply(m, n, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
        } else {
            multiplyScalar(m, n, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
        }
    }

    /** The scalar kernel of {@link #multiplyRows}, used when the vector API is absent. */
    static void multiplyScalar(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int j1 = Math.min(n, j0 + TILE);
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                int ai = aOff + i * lda;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci + j0, ci + j1, 0f);
                }
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    float a0 = a[ai + p];
                    float a1 = a[ai + p + 1];
                    float a2 = a[ai + p + 2];
                    float a3 = a[ai + p + 3];
                    int b0 = rows[p];
                    int b1 = rows[p + 1];
                    int b2 = rows[p + 2];
                    int b3 = rows[p + 3];
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                    }
                }
                for (; p < k; p++) {
                    float a0 = a[ai + p];
                    int b0 = rows[p];
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += a0 * b[b0 + j];
                    }
                }
            }
        }
    }

    /**
     * {@code C ← A · Bᵀ} for A {@code m × p} and B {@code n × p}: vector dot products when available, else by
     * transposing B into {@code scratch} (at least {@code n·p} floats) and calling {@link #multiply}.
     */
    public static void multiplyTransposed(int m, int n, int p, float[] a, int aOff, int lda, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, float[] scratch) {
        multiplyTransposed(m, n, p, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, scratch, false);
    }

    /** {@code C ← (accumulate ? C : 0) + A · Bᵀ}, as {@link #multiplyTransposed(int, int, int, float[], int, int, float[], int, int, float[], int, int, float[])}. */
    public static void multiplyTransposed(int m, int n, int p, float[] a, int aOff, int lda, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, float[] scratch, boolean accumulate) {
        int[] rows = rowOffsets(n, bOff, ldb);
        multiplyTransposedRows(m, n, p, a, aOff, lda, b, rows, c, cOff, ldc, scratch, accumulate);
    }

    /**
     * {@code C ← (accumulate ? C : 0) + A · Bᵀ} for A {@code m × p} and B {@code n × p}, row j of B starting
     * anywhere in {@code b}: element (j, q) of B is {@code b[rows[j] + q]}. Vector dot products when available
     * (each C(i, j) then formed in the same order wherever the rows are), else by transposing B into
     * {@code scratch} (at least {@code n·p} floats; unused, and may be null, when {@link #VECTOR} holds) and
     * calling {@link #multiply}.
     */
    public static void multiplyTransposedRows(int m, int n, int p, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, float[] scratch, boolean accumulate) {
        if (VECTOR) {
            VectorGemm.multiplyTransposed(m, n, p, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            return;
        }
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            for (int j = 0; j < p; j++) {
                scratch[j * n + i] = b[r + j];
            }
        }
        multiply(m, n, p, a, aOff, lda, scratch, 0, n, c, cOff, ldc, accumulate);
    }

    /** {@code start + i·stride} for i < count, in the thread's {@link Scratch} (valid until the next call on this thread). */
    private static int[] rowOffsets(int count, int start, int stride) {
        int[] rows = Scratch.ints(count);
        for (int i = 0; i < count; i++) {
            rows[i] = start + i * stride;
        }
        return rows;
    }

    /** {@code out[j * rows + i] = in[inOff + i * cols + j]}: the transpose of a rows×cols block into {@code out}. */
    public static void transpose(int rows, int cols, float[] in, int inOff, float[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            int r = inOff + i * cols;
            for (int j = 0; j < cols; j++) {
                out[outOff + j * rows + i] = in[r + j];
            }
        }
    }
}
