package org.sde4j.qmc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Sobol sequence in base 2 with the direction numbers of Joe &amp; Kuo (2008, "Constructing Sobol sequences
 * with better two-dimensional projections", SIAM J. Sci. Comput. 30, file new-joe-kuo-6.21201; its first 1000
 * dimensions are the resource {@code new-joe-kuo-6.1000}, with their licence in {@code LICENSE-joe-kuo.txt}).
 *
 * <p><b>Construction.</b> Dimension 1 has {@code m_k = 1} for all k (the van der Corput sequence). Dimension j ≥ 2
 * has a primitive polynomial {@code x^s + a₁x^{s−1} + … + a_{s−1}x + 1} (the file's s and a, a's bits being
 * a₁…a_{s−1}) and initial odd {@code m_1 … m_s} with {@code m_k < 2^k}; beyond, the recurrence
 * <pre>    m_k = 2a₁m_{k−1} ⊕ 2²a₂m_{k−2} ⊕ … ⊕ 2^{s−1}a_{s−1}m_{k−s+1} ⊕ 2^s m_{k−s} ⊕ m_{k−s}</pre>
 * and the direction numbers are {@code v_k = m_k / 2^k}, kept as 32-bit integers {@code V_k = m_k 2^{32−k}}
 * (Bratley &amp; Fox 1988; Joe &amp; Kuo 2008, §2). Point i (from 0) in Gray-code order (Antonov &amp; Saleev 1979)
 * is {@code x_i = 2^{−32} ⊕_{k: bit k−1 of g(i) set} V_k}, {@code g(i) = i ⊕ ⌊i/2⌋}; as a set, the first 2^m points
 * are those of the natural order, a (t, m, s)-net in base 2.
 *
 * <p>Immutable and thread-safe. {@link ScrambledSobol} randomises it.
 */
public final class Sobol {
    /** Bits of each coordinate: at most 2³² points. */
    public static final int BITS = 32;
    /** The number of dimensions the bundled direction numbers give. */
    public static final int MAX_DIMENSION = 1000;

    private static final String RESOURCE = "new-joe-kuo-6.1000";
    private static volatile int[][] table;

    private final int dimension;
    /** {@code directions[j][k]} = V_{k+1} of dimension j (from 0), as an unsigned 32-bit integer. */
    private final int[][] directions;

    /**
     * The first {@code dimension} dimensions of the sequence.
     *
     * @param dimension 1 … {@value #MAX_DIMENSION}
     * @throws IllegalArgumentException outside that range
     */
    public Sobol(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension = " + dimension + ": must lie in [1, " + MAX_DIMENSION
                    + "] (the bundled Joe–Kuo direction numbers)");
        }
        this.dimension = dimension;
        int[][] rows = table();
        this.directions = new int[dimension][];
        for (int j = 0; j < dimension; j++) {
            directions[j] = directionNumbers(j == 0 ? null : rows[j - 1]);
        }
    }

    /** The number of dimensions. */
    public int dimension() {
        return dimension;
    }

    /**
     * The direction numbers {@code V_1 … V_32} of dimension j (a copy).
     *
     * @param j the dimension, from 0
     * @return 32 unsigned 32-bit integers
     */
    public int[] directions(int j) {
        return directions[j].clone();
    }

    /** The raw 32-bit coordinate j of point i (Gray-code order): {@code x_ij = coordinate / 2³²}. */
    public int coordinate(long i, int j) {
        return coordinate(directions[j], i);
    }

    /**
     * Point i of the sequence, in [0, 1)^s.
     *
     * @param i   the index, in [0, 2³²)
     * @param out receives s coordinates
     */
    public void point(long i, double[] out) {
        checkIndex(i);
        for (int j = 0; j < dimension; j++) {
            out[j] = Integer.toUnsignedLong(coordinate(directions[j], i)) * 0x1.0p-32;
        }
    }

    static void checkIndex(long i) {
        if (i < 0 || i >= (1L << BITS)) {
            throw new IllegalArgumentException("i = " + i + ": must lie in [0, 2^32)");
        }
    }

    /** {@code ⊕_{k: bit k of g(i)} v[k]}. */
    static int coordinate(int[] v, long i) {
        long g = i ^ (i >>> 1);
        int x = 0;
        for (int k = 0; g != 0; k++, g >>>= 1) {
            if ((g & 1) != 0) {
                x ^= v[k];
            }
        }
        return x;
    }

    /** V_1 … V_32 from one row {s, a, m_1 … m_s} of the table, or dimension 1 when null. */
    static int[] directionNumbers(int[] row) {
        long[] m = new long[BITS + 1];
        if (row == null) {
            Arrays.fill(m, 1);
        } else {
            int s = row[0];
            int a = row[1];
            for (int k = 1; k <= s && k <= BITS; k++) {
                m[k] = row[1 + k];
            }
            for (int k = s + 1; k <= BITS; k++) {
                long value = m[k - s] ^ (m[k - s] << s);
                for (int q = 1; q < s; q++) {
                    if (((a >>> (s - 1 - q)) & 1) != 0) {
                        value ^= m[k - q] << q;
                    }
                }
                m[k] = value;
            }
        }
        int[] v = new int[BITS];
        for (int k = 1; k <= BITS; k++) {
            v[k - 1] = (int) (m[k] << (BITS - k));
        }
        return v;
    }

    /** The table {s, a, m_1 … m_s} of dimensions 2 … 1000, read once. */
    private static int[][] table() {
        int[][] t = table;
        if (t == null) {
            synchronized (Sobol.class) {
                t = table;
                if (t == null) {
                    t = read();
                    table = t;
                }
            }
        }
        return t;
    }

    private static int[][] read() {
        int[][] rows = new int[MAX_DIMENSION - 1][];
        try (InputStream in = Sobol.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header: d s a m_i
            for (int r = 0; r < rows.length; r++) {
                String[] f = reader.readLine().trim().split("\\s+");
                int s = Integer.parseInt(f[1]);
                int[] row = new int[2 + s];
                row[0] = s;
                row[1] = Integer.parseInt(f[2]);
                for (int k = 0; k < s; k++) {
                    row[2 + k] = Integer.parseInt(f[3 + k]);
                }
                rows[r] = row;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        return rows;
    }
}
