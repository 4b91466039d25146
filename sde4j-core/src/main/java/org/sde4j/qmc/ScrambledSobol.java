package org.sde4j.qmc;

import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * One randomisation of the {@link Sobol} sequence: Matoušek's random linear matrix scramble followed by a random
 * digital shift (Matoušek 1998, "On the L₂-discrepancy for anchored boxes", J. Complexity 14; Owen 2003,
 * "Variance with alternative scramblings of digital nets", ACM TOMACS 13). Not Owen's full nested scramble: the
 * linear scramble draws, per dimension, a random lower-triangular binary 32×32 matrix L with unit diagonal and a
 * random 32-bit vector e, and maps each coordinate's digits {@code y ↦ L y ⊕ e}. Applied to the generating matrix
 * ({@code C ↦ L C}, direction number by direction number), it costs nothing per point.
 *
 * <p><b>Properties kept.</b> L is invertible and lower triangular, so every elementary interval of the net keeps
 * its share of points: the scrambled first 2^m points are still a (t, m, s)-net with the same t. The digital shift
 * makes each coordinate uniform on the 2³² cells, so {@code u = (y + ½) 2⁻³²} has mean exactly ½ and every
 * randomisation gives an unbiased estimate up to the 2⁻³³ placement within the cell. With L alone (no shift) the
 * point 0 would stay at 0.
 *
 * <p><b>Randomness.</b> The matrices and shifts of randomisation r come from {@link KeyedStream} keyed by
 * {@code (seed, r, dimension)}: a randomisation depends on (seed, r) only, so randomisations can run on any thread
 * or machine. Immutable after construction and thread-safe.
 */
public final class ScrambledSobol {
    private final int dimension;
    private final int[][] directions;
    private final int[] shift;

    /**
     * Randomisation r of {@code sobol}.
     *
     * @param sobol          the sequence
     * @param seed           the root seed
     * @param randomisation  r, any long
     * @param matrixScramble true for the linear matrix scramble plus the digital shift, false for the shift alone
     */
    public ScrambledSobol(Sobol sobol, long seed, long randomisation, boolean matrixScramble) {
        Require.nonNull("sobol", sobol);
        this.dimension = sobol.dimension();
        this.directions = new int[dimension][];
        this.shift = new int[dimension];
        KeyedStream random = new KeyedStream();
        for (int j = 0; j < dimension; j++) {
            random.reset(seed, randomisation, j);
            int[] v = sobol.directions(j);
            if (matrixScramble) {
                int[] rows = lowerTriangular(random);
                for (int k = 0; k < v.length; k++) {
                    v[k] = multiply(rows, v[k]);
                }
            }
            directions[j] = v;
            shift[j] = random.nextInt();
        }
    }

    /** The number of dimensions. */
    public int dimension() {
        return dimension;
    }

    /** The raw scrambled 32-bit coordinate j of point i. */
    public int coordinate(long i, int j) {
        return Sobol.coordinate(directions[j], i) ^ shift[j];
    }

    /**
     * Points {@code first … first + count − 1}, coordinate j of point {@code first + p} written to
     * {@code out[j · stride + p]} as {@code (y + ½) 2⁻³²} ∈ (0, 1), for j below {@code dimensions}. The first point
     * is made directly, the others by the Gray-code update {@code y ← y ⊕ V_{c}}, c the lowest zero bit of the
     * previous index (Antonov &amp; Saleev 1979).
     *
     * @param first      the first index
     * @param count      the number of points
     * @param dimensions how many leading coordinates to write (at most {@link #dimension()})
     * @param out        destination
     * @param stride     the distance between two coordinates of a point
     */
    public void fill(long first, int count, int dimensions, double[] out, int stride) {
        Sobol.checkIndex(first);
        Sobol.checkIndex(first + count - 1);
        if (dimensions > dimension) {
            throw new IllegalArgumentException("dimensions = " + dimensions + ": must be at most " + dimension);
        }
        for (int j = 0; j < dimensions; j++) {
            int[] v = directions[j];
            int y = Sobol.coordinate(v, first) ^ shift[j];
            int o = j * stride;
            for (int p = 0; p < count; p++) {
                if (p > 0) {
                    y ^= v[Long.numberOfTrailingZeros(~(first + p - 1))];
                }
                out[o + p] = (Integer.toUnsignedLong(y) + 0.5) * 0x1.0p-32;
            }
        }
    }

    /** Rows of a random lower-triangular matrix with unit diagonal, row r a mask over bits 31 … 31 − r. */
    private static int[] lowerTriangular(KeyedStream random) {
        int[] rows = new int[Sobol.BITS];
        for (int r = 0; r < Sobol.BITS; r++) {
            int diagonal = 1 << (31 - r);
            int above = r == 0 ? 0 : (-1 << (32 - r)); // bits 31 … 32 − r: the columns left of the diagonal
            rows[r] = diagonal | (random.nextInt() & above);
        }
        return rows;
    }

    /** L v over GF(2): output bit 31 − r is the parity of row r and v. */
    private static int multiply(int[] rows, int v) {
        int out = 0;
        for (int r = 0; r < Sobol.BITS; r++) {
            out |= (Integer.bitCount(rows[r] & v) & 1) << (31 - r);
        }
        return out;
    }
}
