package org.sde4j.random;

import static org.sde4j.random.BoxMullerStream.ATANH;
import static org.sde4j.random.BoxMullerStream.COS;
import static org.sde4j.random.BoxMullerStream.EXP_MAGIC;
import static org.sde4j.random.BoxMullerStream.EXP_OFFSET;
import static org.sde4j.random.BoxMullerStream.HALF_BITS;
import static org.sde4j.random.BoxMullerStream.LANES;
import static org.sde4j.random.BoxMullerStream.LN2_HI;
import static org.sde4j.random.BoxMullerStream.LN2_LO;
import static org.sde4j.random.BoxMullerStream.MANTISSA;
import static org.sde4j.random.BoxMullerStream.ONE_BITS;
import static org.sde4j.random.BoxMullerStream.ROUND;
import static org.sde4j.random.BoxMullerStream.SIGN;
import static org.sde4j.random.BoxMullerStream.SIN;
import static org.sde4j.random.BoxMullerStream.SQRT2_MANTISSA;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel of {@link BoxMullerStream} on the incubating vector API: V of the sixteen lanes per vector
 * (V = 8 with AVX-512, 4 with AVX2), the same operations as {@link BoxMullerStream#scalarRounds} lane by
 * lane, so the same bits. Loaded only when the module {@code jdk.incubator.vector} is present.
 * {@code -Dsde4j.gaussianBits=256} (or 128, 512) chooses the vector width.
 */
final class VectorBoxMuller {
    private static final VectorSpecies<Long> L = longSpecies();
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, L.vectorShape());
    private static final int V = L.length();

    private VectorBoxMuller() {
    }

    private static VectorSpecies<Long> longSpecies() {
        String bits = System.getProperty("sde4j.gaussianBits");
        if (bits != null) {
            return VectorSpecies.of(long.class, VectorShape.forBitSize(Integer.parseInt(bits)));
        }
        return LongVector.SPECIES_PREFERRED;
    }

    /** Whether the kernel runs here and agrees with the scalar kernel (a trial round). */
    static boolean available() {
        if (V < 2 || LANES % V != 0) {
            return false;
        }
        BoxMullerStream a = BoxMullerStream.of(1, 2);
        BoxMullerStream b = BoxMullerStream.of(1, 2);
        double[] x = new double[ROUND];
        double[] y = new double[ROUND];
        rounds(a.state, x, 0, 1);
        BoxMullerStream.scalarRounds(b.state, y, 0, 1);
        return java.util.Arrays.equals(x, y);
    }

    /** The bits of √½ (whose mantissa is √2's), plus one. */
    private static final long SQRT_HALF_BITS_PLUS_ONE = (HALF_BITS | SQRT2_MANTISSA) + 1;
    /** Sign and exponent bits. */
    private static final long EXPONENT_FIELD = 0xFFF0000000000000L;

    /** Rounds per pass of the two loops: 8 rounds are 256 doubles, 2 KiB of the output, which stays in L1. */
    private static final int PASS = 8;

    /**
     * {@code rounds} rounds into {@code out[offset ..]}, advancing the lane states: per pass of up to {@value #PASS}
     * rounds, two loops over the pass's part of {@code out}: the xoshiro outputs and the radii, then the rotated
     * pairs.
     *
     * <p>One loop doing it all runs into two limits of C2 (JDK 17): it needs more than the 32 vector registers, so
     * C2 spills loop constants and, in some compilations, stores them back on every round, so the speed depended on
     * the compilation (1.37 or 1.85 ns per draw from one JVM to the next on the same machine); and
     * its inlined body is at C2's node-count cutoff for inlining, where any addition leaves a vector operation not
     * inlined, boxed and ten times slower. The two loops are each well inside both limits; the doubles the first
     * passes to the second through {@code out} stay in L1, and every value is computed by the same operations as
     * before, so the bits are unchanged. (Three loops — outputs, radii, pairs — were slower: the divisions of the
     * radii then no longer overlap with the integer work.)
     */
    static void rounds(long[] state, double[] out, int offset, int rounds) {
        for (int done = 0; done < rounds; done += PASS) {
            int n = Math.min(PASS, rounds - done);
            int base = offset + done * ROUND;
            radii(state, out, base, n);
            pairs(out, base, n);
        }
    }

    /**
     * Stage 1: for each round r and lane l, two xoshiro256++ outputs a, b; stores the squared radius
     * {@code R² = −2 ln u}, {@code u = 2 − (1 + (a ≫ 12) 2^−52)}, at {@code out[base + 32 r + l]} and b, as the
     * double with its bits, at {@code out[base + 32 r + 16 + l]} (vector loads and stores move bits unchanged, and
     * b is only ever read back as bits). The lane states stay in registers across the rounds of a group.
     */
    private static void radii(long[] state, double[] out, int base, int rounds) {
        for (int group = 0; group < LANES; group += V) {
            LongVector s0 = LongVector.fromArray(L, state, group);
            LongVector s1 = LongVector.fromArray(L, state, LANES + group);
            LongVector s2 = LongVector.fromArray(L, state, 2 * LANES + group);
            LongVector s3 = LongVector.fromArray(L, state, 3 * LANES + group);
            for (int r = 0; r < rounds; r++) {
                // a = next()
                LongVector a = rotl(s0.add(s3), 23).add(s0);
                LongVector t = s1.lanewise(VectorOperators.LSHL, 17);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = rotl(s3, 45);
                // b = next()
                LongVector b = rotl(s0.add(s3), 23).add(s0);
                t = s1.lanewise(VectorOperators.LSHL, 17);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = rotl(s3, 45);
                int at = base + r * ROUND + group;
                DoubleVector u = DoubleVector.broadcast(D, 2.0)
                        .sub(a.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).reinterpretAsDoubles());
                log(u).mul(-2.0).intoArray(out, at); // R², its square root in stage 2
                b.reinterpretAsDoubles().intoArray(out, at + LANES);
            }
            s0.intoArray(state, group);
            s1.intoArray(state, LANES + group);
            s2.intoArray(state, 2 * LANES + group);
            s3.intoArray(state, 3 * LANES + group);
        }
    }

    /**
     * Stage 2: from each b and squared radius R², the pair {@code (R cos θ, R sin θ)} in the places of R² and b. The
     * square root is taken here rather than in stage 1, where the division already occupies the divider: 3 %
     * faster, the same operation on the same value.
     */
    private static void pairs(double[] out, int base, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (int group = 0; group < LANES; group += V) {
                int at = base + r * ROUND + group;
                DoubleVector radius = DoubleVector.fromArray(D, out, at).lanewise(VectorOperators.SQRT);
                LongVector b = DoubleVector.fromArray(D, out, at + LANES).reinterpretAsLongs();
                DoubleVector g = b.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles().sub(1.5);
                DoubleVector z = g.mul(g);
                DoubleVector sp = DoubleVector.broadcast(D, SIN[SIN.length - 1]);
                for (int k = SIN.length - 2; k >= 0; k--) {
                    sp = sp.fma(z, DoubleVector.broadcast(D, SIN[k]));
                }
                LongVector sinBits = g.mul(sp).reinterpretAsLongs();
                DoubleVector cp = DoubleVector.broadcast(D, COS[COS.length - 1]);
                for (int k = COS.length - 2; k >= 0; k--) {
                    cp = cp.fma(z, DoubleVector.broadcast(D, COS[k]));
                }
                LongVector cosBits = cp.reinterpretAsLongs();
                // all ones where bit 62 of b is set: select without masks
                LongVector swap = b.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.ASHR, 63);
                LongVector differ = cosBits.lanewise(VectorOperators.XOR, sinBits).and(swap);
                DoubleVector x = radius.mul(cosBits.lanewise(VectorOperators.XOR, differ).reinterpretAsDoubles());
                DoubleVector y = radius.mul(sinBits.lanewise(VectorOperators.XOR, differ).reinterpretAsDoubles());
                LongVector signX = b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.LSHL, 1)).and(SIGN);
                LongVector signY = b.and(SIGN);
                x.reinterpretAsLongs().lanewise(VectorOperators.XOR, signX).reinterpretAsDoubles().intoArray(out, at);
                y.reinterpretAsLongs().lanewise(VectorOperators.XOR, signY).reinterpretAsDoubles()
                        .intoArray(out, at + LANES);
            }
        }
    }

    /**
     * Rotation left by k bits. JDK 17 compiles {@code ROL} to two shifts and an or, as the explicit form was;
     * newer JDKs (25 here) to one {@code vprolq} with AVX-512, which makes the whole kernel 9 % faster there.
     */
    private static LongVector rotl(LongVector x, int k) {
        return x.lanewise(VectorOperators.ROL, k);
    }

    /** {@link BoxMullerStream#log}, lane-wise. */
    private static DoubleVector log(DoubleVector u) {
        LongVector bits = u.reinterpretAsLongs();
        // The scalar kernel's reduction in four integer operations instead of eight: tmp = bits − (bits of √½ + 1)
        // borrows from the exponent field exactly when the mantissa is at most √2's, so its top 12 bits, shifted
        // arithmetically, are e = the unbiased exponent + (1 when m > √2); bits − (e ≪ 52) is m with the exponent
        // of 1 or ½. The same m and e for every u, so the same bits (4 % faster).
        LongVector tmp = bits.sub(SQRT_HALF_BITS_PLUS_ONE);
        DoubleVector m = bits.sub(tmp.and(EXPONENT_FIELD)).reinterpretAsDoubles();
        DoubleVector e = tmp.lanewise(VectorOperators.ASHR, 52).add(EXP_MAGIC + 1023).reinterpretAsDoubles()
                .sub(EXP_OFFSET);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(m.add(1.0));
        DoubleVector z = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(D, ATANH[ATANH.length - 1]);
        for (int k = ATANH.length - 2; k >= 0; k--) {
            p = p.fma(z, DoubleVector.broadcast(D, ATANH[k]));
        }
        DoubleVector s2 = s.add(s);
        DoubleVector lnM = s2.mul(z).fma(p, s2);
        return e.fma(DoubleVector.broadcast(D, LN2_HI), e.fma(DoubleVector.broadcast(D, LN2_LO), lnM));
    }
}
