package org.sde4j.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Bulk unit-step draws of the two- and three-point laws ({@link NoiseModel#unitDraws}), several per 64-bit output
 * of the generator, for block engines:
 *
 * <pre>
 *   two-point     ξ₁ = ±1, the sign from one bit: 64 draws per output, lowest bit first
 *   three-point   k uniform on {0, …, 5} from 32 bits by Lemire's multiply-and-reject (two per output, low half
 *                 first): k = ⌊6u / 2^32⌋, the product's low 32 bits rejected below 2^32 mod 6 = 4;
 *                 ξ₁ = √3 for k = 0, −√3 for k = 1, 0 otherwise
 * </pre>
 *
 * <p>Both laws are exact: every sign has probability ½, every k probability 1/6 (Lemire 2019, "Fast random integer
 * generation in an interval", ACM TOMACS 29(1)). The values are the samplers' own (±1, ±{@code Math.sqrt(3)}, 0),
 * so {@code √h ξ₁} is the same product the per-path samplers form. Unused bits are kept for the next call, so a
 * sequence does not depend on how it is cut into calls. Thread-confined, allocation-free.
 */
final class UnitPointDraws {
    private static final long ONE_BITS = 0x3FF0000000000000L;
    private static final double SQRT3 = Math.sqrt(3);
    /** ξ₁ by k. */
    private static final double[] THREE_POINT = {SQRT3, -SQRT3, 0.0, 0.0, 0.0, 0.0};
    /** 2^32 mod 6: products whose low half is below it are rejected (Lemire's threshold). */
    private static final long THRESHOLD = (1L << 32) % 6;

    private UnitPointDraws() {
    }

    /** ±1 with probability ½ each, one bit per draw. */
    static NoiseModel.UnitDraws twoPoint(UniformRandomProvider rng) {
        return new NoiseModel.UnitDraws() {
            private long bits;
            private int left;

            @Override
            public void fill(double[] out, int offset, int count) {
                long b = bits;
                int n = left;
                for (int i = offset, end = offset + count; i < end; i++) {
                    if (n == 0) {
                        b = rng.nextLong();
                        n = 64;
                    }
                    out[i] = Double.longBitsToDouble(ONE_BITS | (b << 63)); // sign = lowest bit
                    b >>>= 1;
                    n--;
                }
                bits = b;
                left = n;
            }
        };
    }

    /** ±√3 with probability 1/6 each, 0 with probability 2/3: k uniform on 0..5 from each 32-bit half. */
    static NoiseModel.UnitDraws threePoint(UniformRandomProvider rng) {
        return new NoiseModel.UnitDraws() {
            private long high;
            private boolean pending;

            @Override
            public void fill(double[] out, int offset, int count) {
                for (int i = offset, end = offset + count; i < end; i++) {
                    long m;
                    do {
                        long u;
                        if (pending) {
                            u = high;
                            pending = false;
                        } else {
                            long word = rng.nextLong();
                            u = word & 0xFFFFFFFFL;
                            high = word >>> 32;
                            pending = true;
                        }
                        m = u * 6;
                    } while ((m & 0xFFFFFFFFL) < THRESHOLD);
                    out[i] = THREE_POINT[(int) (m >>> 32)];
                }
            }
        };
    }
}
