package org.sde4j.random;

import static org.sde4j.random.BoxMullerStream.ATANH;
import static org.sde4j.random.BoxMullerStream.COS;
import static org.sde4j.random.BoxMullerStream.EXP_MAGIC;
import static org.sde4j.random.BoxMullerStream.EXP_OFFSET;
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

    static void rounds(long[] state, double[] out, int offset, int rounds) {
        // Rounds outside, groups inside: the groups' independent chains overlap in the processor.
        for (int r = 0; r < rounds; r++) {
            for (int group = 0; group < LANES; group += V) {
                LongVector s0 = LongVector.fromArray(L, state, group);
                LongVector s1 = LongVector.fromArray(L, state, LANES + group);
                LongVector s2 = LongVector.fromArray(L, state, 2 * LANES + group);
                LongVector s3 = LongVector.fromArray(L, state, 3 * LANES + group);
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

                DoubleVector u = DoubleVector.broadcast(D, 2.0)
                        .sub(a.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).reinterpretAsDoubles());
                DoubleVector radius = log(u).mul(-2.0).lanewise(VectorOperators.SQRT);
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
                int base = offset + r * ROUND + group;
                x.reinterpretAsLongs().lanewise(VectorOperators.XOR, signX).reinterpretAsDoubles().intoArray(out, base);
                y.reinterpretAsLongs().lanewise(VectorOperators.XOR, signY).reinterpretAsDoubles()
                        .intoArray(out, base + LANES);
                s0.intoArray(state, group);
                s1.intoArray(state, LANES + group);
                s2.intoArray(state, 2 * LANES + group);
                s3.intoArray(state, 3 * LANES + group);
            }
        }
    }

    /** Rotation left by k bits (shifts and or: a rotate instruction only with AVX-512). */
    private static LongVector rotl(LongVector x, int k) {
        return x.lanewise(VectorOperators.LSHL, k).or(x.lanewise(VectorOperators.LSHR, 64 - k));
    }

    /** {@link BoxMullerStream#log}, lane-wise. */
    private static DoubleVector log(DoubleVector u) {
        LongVector bits = u.reinterpretAsLongs();
        LongVector exponent = bits.lanewise(VectorOperators.LSHR, 52);
        LongVector mantissa = bits.and(MANTISSA);
        // 1 where the mantissa exceeds √2's (m > √2: halve m, raise the exponent), else 0; without masks
        LongVector high = LongVector.broadcast(L, SQRT2_MANTISSA).sub(mantissa).lanewise(VectorOperators.LSHR, 63);
        DoubleVector m = mantissa.or(LongVector.broadcast(L, ONE_BITS).sub(high.lanewise(VectorOperators.LSHL, 52)))
                .reinterpretAsDoubles();
        exponent = exponent.add(high);
        DoubleVector e = exponent.or(EXP_MAGIC).reinterpretAsDoubles().sub(EXP_OFFSET);
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
