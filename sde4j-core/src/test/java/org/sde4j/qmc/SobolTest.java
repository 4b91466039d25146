package org.sde4j.qmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class SobolTest {
    /** Joe & Kuo (2008), new-joe-kuo-6.21201, rows d = 2 … 5: s, a, m_1 … m_s. */
    @Test
    void firstRowsOfTheTableAreJoeKuos() {
        Sobol sobol = new Sobol(5);
        // d = 1: the van der Corput sequence, V_k = 2^{32−k}
        assertEquals(1 << 31, sobol.directions(0)[0]);
        assertEquals(1 << 30, sobol.directions(0)[1]);
        // d = 2: s = 1, a = 0, m_1 = 1 (polynomial x + 1): m_k = m_{k−1} ⊕ 2 m_{k−1}, so m = 1, 3, 5, 15, 17
        int[] m2 = {1, 3, 5, 15, 17};
        for (int k = 1; k <= 5; k++) {
            assertEquals((long) m2[k - 1] << (32 - k), Integer.toUnsignedLong(sobol.directions(1)[k - 1]), "m_" + k);
        }
        // d = 3: s = 2, a = 1, m = 1, 3 (x² + x + 1): m_3 = 2 m_2 ⊕ 4 m_1 ⊕ m_1 = 6 ⊕ 4 ⊕ 1 = 3
        int[] v3 = sobol.directions(2);
        assertEquals(1L << 31, Integer.toUnsignedLong(v3[0]));
        assertEquals(3L << 30, Integer.toUnsignedLong(v3[1]));
        assertEquals(3L << 29, Integer.toUnsignedLong(v3[2]));
        // d = 5: s = 3, a = 2, m = 1, 1, 1
        int[] v5 = sobol.directions(4);
        assertEquals(1L << 29, Integer.toUnsignedLong(v5[2]));
    }

    /** Commons Math 3.6.1's generator (the same direction numbers, 52-bit, an independent implementation). */
    @Test
    void pointsMatchCommonsMath() {
        int s = 200;
        Sobol sobol = new Sobol(s);
        SobolSequenceGenerator reference = new SobolSequenceGenerator(s);
        double[] ours = new double[s];
        for (int i = 0; i < 4096; i++) {
            sobol.point(i, ours);
            assertArrayEquals(reference.nextVector(), ours, 0, "point " + i);
        }
    }

    /** The first 2^k points of every one-dimensional projection are a permutation of the dyadic grid j/2^k. */
    @Test
    void oneDimensionalProjectionsArePermutationsOfTheDyadicGrid() {
        int k = 10;
        Sobol sobol = new Sobol(Sobol.MAX_DIMENSION);
        for (int j = 0; j < Sobol.MAX_DIMENSION; j++) {
            boolean[] seen = new boolean[1 << k];
            for (int i = 0; i < (1 << k); i++) {
                int x = sobol.coordinate(i, j);
                assertEquals(0, x & ((1 << (32 - k)) - 1), "dimension " + j + ", point " + i + " off the grid");
                int cell = x >>> (32 - k);
                assertTrue(!seen[cell], "dimension " + j + ": cell " + cell + " twice");
                seen[cell] = true;
            }
        }
    }

    /**
     * (t, m, s)-net property: every elementary interval {@code Π [a_j 2^{−d_j}, (a_j + 1) 2^{−d_j})} with
     * {@code Σ d_j = m − t} holds exactly 2^t of the first 2^m points. Dimensions 1–2 are a (0, m, 2)-net; dimensions
     * 1–3 a (1, m, 3)-net (t = Σ (deg p_j − 1) = 0 + 0 + 1 is the bound for Sobol's construction). Also after
     * scrambling, which keeps the property.
     */
    @Test
    void netPropertyHoldsBeforeAndAfterScrambling() {
        Sobol sobol = new Sobol(3);
        int m = 10;
        int n = 1 << m;
        int[][] raw = new int[n][3];
        int[][] scrambled = new int[n][3];
        ScrambledSobol scramble = new ScrambledSobol(sobol, 7, 3, true);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                raw[i][j] = sobol.coordinate(i, j);
                scrambled[i][j] = scramble.coordinate(i, j);
            }
        }
        for (int[][] points : new int[][][] {raw, scrambled}) {
            checkNet(points, 2, m, 0);
            checkNet(points, 3, m, 1);
        }
    }

    private static void checkNet(int[][] points, int s, int m, int t) {
        int q = m - t;
        int[] d = new int[s];
        for (int code = 0; code < Math.pow(q + 1, s); code++) {
            int c = code;
            int sum = 0;
            for (int j = 0; j < s; j++) {
                d[j] = c % (q + 1);
                c /= q + 1;
                sum += d[j];
            }
            if (sum != q) {
                continue;
            }
            int[] counts = new int[1 << q];
            for (int[] p : points) {
                int box = 0;
                for (int j = 0; j < s; j++) {
                    box = (box << d[j]) | (d[j] == 0 ? 0 : p[j] >>> (32 - d[j]));
                }
                counts[box]++;
            }
            for (int b = 0; b < counts.length; b++) {
                assertEquals(1 << t, counts[b], "s = " + s + ", d = " + java.util.Arrays.toString(d) + ", box " + b);
            }
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new Sobol(0));
        assertThrows(IllegalArgumentException.class, () -> new Sobol(1001));
        assertThrows(IllegalArgumentException.class, () -> new Sobol(2).point(-1, new double[2]));
    }
}
