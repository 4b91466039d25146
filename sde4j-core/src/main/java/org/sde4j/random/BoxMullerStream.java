package org.sde4j.random;

import org.sde4j.sde.Require;

/**
 * A fast, reproducible stream of standard normal draws, produced {@value #ROUND} at a time by sixteen
 * independent xoshiro256++ generators ("lanes") and the Box–Muller transform — written so that the
 * JDK's incubating vector API ({@code jdk.incubator.vector}) can run the sixteen lanes in SIMD
 * registers, with a scalar fallback that performs <em>the same floating-point operations</em> and
 * therefore gives the same numbers, bit for bit, whether or not the vector module is present.
 *
 * <p><b>The draws.</b> Round r takes two successive 64-bit outputs {@code a, b} of each lane l
 * (xoshiro256++, Blackman &amp; Vigna 2021, "Scrambled linear pseudorandom number generators") and forms
 *
 * <pre>
 *   u  = 2 − (1 + (a ≫ 12) 2^−52)                 ∈ (0, 1]          (52 random bits)
 *   R  = √(−2 ln u)
 *   g  = (b mod 2^52) 2^−52 − ½                    ∈ [−½, ½)
 *   k  = b ≫ 62                                     ∈ {0, 1, 2, 3}   (the quadrant)
 *   θ  = (π/2)(k + g)                               uniform on [−π/4, 7π/4)
 *   Z  = R cos θ,   Z' = R sin θ                    (Box &amp; Muller 1958)
 * </pre>
 *
 * <p>and writes {@code Z} at position {@code 32 r + l} and {@code Z'} at {@code 32 r + 16 + l} of the
 * stream. The pair (Z, Z') is exactly N(0, I₂)-distributed up to the discreteness of the uniforms and
 * the rounding of ln, cos, sin: the logarithm is computed as
 * {@code e ln 2 + 2 atanh(s)}, {@code s = (m − 1)/(m + 1)}, m ∈ [√½, √2), with a near-minimax polynomial
 * for atanh to {@code s^15}; cos and sin of {@code (π/2) g}, |(π/2) g| ≤ π/4, by near-minimax polynomials
 * of degree 14 and 13, then rotated by k quadrants (swaps and sign flips, exact). Every approximation
 * error is below 5e−17 relative, so each value is within a few units in the last place of the exactly
 * rounded transform (tests check ≤ 4 ulp against {@code Math.log}, {@code Math.sin}, {@code Math.cos}).
 * The smallest u is 2^−52, so |Z| ≤ √(104 ln 2) ≈ 8.49: the tail beyond it has probability 2e−17.
 *
 * <p><b>Why no library transcendental functions.</b> {@code Math.log} and the vector API's {@code LOG}
 * need not agree to the last bit; these polynomials use only +, ×, fused multiply–add, ÷ and √, which
 * IEEE 754 rounds exactly, so the vector and scalar kernels agree bit for bit (a test checks it).
 * {@code Math.fma} is a single instruction on every x86 since 2013 and every ARMv8.
 *
 * <p><b>Streams.</b> {@link #of(long, long)} seeds the sixteen lanes from SplitMix64 outputs of a state
 * mixed from {@code (seed, index)} (as {@link RandomStreams} does for its per-path streams), so stream
 * {@code (seed, index)} depends on nothing else: an ensemble gives each fixed block of paths its own
 * stream, and the thread count never changes a result.
 *
 * <p>Mutable and thread-confined; {@link #nextGaussians} allocates nothing.
 *
 * <p>The vector kernel is {@code VectorBoxMuller}; when streams switch to it, {@code VectorWarmUp}.
 */
public final class BoxMullerStream {
    /** Independent xoshiro256++ lanes. */
    public static final int LANES = 16;
    /** Normal draws produced per round (two per lane). */
    public static final int ROUND = 2 * LANES;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Lane states, {@code state[w * LANES + l]} = word w of lane l. */
    final long[] state = new long[4 * LANES];
    private final double[] leftover = new double[ROUND];
    private int leftoverPosition = ROUND;

    private BoxMullerStream() {
    }

    /**
     * Stream {@code index} of {@code seed}.
     *
     * @param seed  root seed
     * @param index stream index (for example a block of paths), any long
     * @return a new stream; thread-confined
     */
    public static BoxMullerStream of(long seed, long index) {
        BoxMullerStream s = new BoxMullerStream();
        s.reset(seed, index);
        return s;
    }

    /**
     * Re-seeds this stream in place: afterwards it produces exactly what {@code of(seed, index)} would.
     * Allocation-free, for reusing one object over many blocks.
     */
    public void reset(long seed, long index) {
        long z = RandomStreams.mix64(seed ^ 0x3c6ef372fe94f82bL) ^ RandomStreams.mix64(index * GOLDEN_GAMMA
                + 0x1f83d9abfb41bd6bL);
        for (int l = 0; l < LANES; l++) {
            long any = 0;
            for (int w = 0; w < 4; w++) {
                z += GOLDEN_GAMMA;
                long word = RandomStreams.mix64(z);
                state[w * LANES + l] = word;
                any |= word;
            }
            if (any == 0) {
                state[l] = 1; // xoshiro's one forbidden state; never met in practice
            }
        }
        leftoverPosition = ROUND;
    }

    /**
     * Makes this stream continue exactly where {@code other} is (copies its state; allocation-free), for
     * replaying draws.
     */
    public void copyFrom(BoxMullerStream other) {
        System.arraycopy(other.state, 0, state, 0, state.length);
        System.arraycopy(other.leftover, 0, leftover, 0, ROUND);
        leftoverPosition = other.leftoverPosition;
    }

    /**
     * Writes the next {@code count} draws of the stream into {@code out[offset .. offset + count)}. The
     * stream is the same however it is cut into calls.
     *
     * @param out    destination (modified)
     * @param offset first index written
     * @param count  number of draws, ≥ 0
     * @throws IllegalArgumentException when the range lies outside {@code out}
     */
    public void nextGaussians(double[] out, int offset, int count) {
        if (offset < 0 || count < 0 || offset > out.length - count) {
            throw new IllegalArgumentException("offset = " + offset + ", count = " + count + ": must describe a range"
                    + " inside the array of length " + out.length);
        }
        int i = offset;
        int end = offset + count;
        while (i < end && leftoverPosition < ROUND) {
            out[i++] = leftover[leftoverPosition++];
        }
        int rounds = (end - i) / ROUND;
        if (rounds > 0) {
            rounds(out, i, rounds);
            i += rounds * ROUND;
        }
        if (i < end) {
            rounds(leftover, 0, 1);
            leftoverPosition = 0;
            while (i < end) {
                out[i++] = leftover[leftoverPosition++];
            }
        }
    }

    /** One draw (slower per draw than {@link #nextGaussians} on an array; same stream). */
    public double nextGaussian() {
        if (leftoverPosition == ROUND) {
            rounds(leftover, 0, 1);
            leftoverPosition = 0;
        }
        return leftover[leftoverPosition++];
    }

    /** Full rounds straight into {@code out}: by the vector kernel once it is warm, else by the scalar kernel. */
    private void rounds(double[] out, int offset, int rounds) {
        if (VectorWarmUp.hot) {
            VectorBoxMuller.rounds(state, out, offset, rounds);
            return;
        }
        scalarRounds(state, out, offset, rounds);
    }

    // ---------------------------------------------------------------- the transform, shared constants

    static final long ONE_BITS = 0x3FF0000000000000L;
    static final long HALF_BITS = 0x3FE0000000000000L;
    static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    static final long SIGN = 0x8000000000000000L;
    /** Mantissa bits of √2: a mantissa above them means m > √2. */
    static final long SQRT2_MANTISSA = Double.doubleToRawLongBits(Math.sqrt(2.0)) & MANTISSA;
    /** 2^52 as bits: {@code longBitsToDouble(EXP_MAGIC | E) = 2^52 + E} for 0 ≤ E &lt; 2^52. */
    static final long EXP_MAGIC = 0x4330000000000000L;
    /** 2^52 + 1023: subtracting it from the magic double leaves the unbiased exponent, exactly. */
    static final double EXP_OFFSET = 4503599627370496.0 + 1023.0;
    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| ≤ 2^11. */
    static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);
    static final double LN2_LO = Math.log(2.0) - LN2_HI;
    /*
     * Near-minimax polynomials: Chebyshev fits computed with mpmath at 50 digits (chebyfit), coefficients
     * rounded to double. Relative error of the rounded polynomial, in exact arithmetic, on its interval:
     * ATANH 4.7e-16 on [0, ((√2 − 1)/(√2 + 1))²] (its contribution to ln m is z·ATANH(z) ≤ 0.01, so ≤ 5e-18
     * of ln m), SIN 3.9e-17 and COS 2.1e-17 on u = g² ∈ [0, ¼]. Evaluated by Horner's rule with fused
     * multiply–adds; BoxMullerStreamTest bounds the result against Math.log/sin/cos.
     */
    // The coefficients as constants: javac folds them into the code, so the scalar kernel evaluates each
    // polynomial as straight-line fused multiply-adds (fewer bytecodes before the JIT, no loads after it).
    static final double A0 = 0.3333333333333335, A1 = 0.19999999999949752, A2 = 0.14285714312987743,
            A3 = 0.1111110556739754, A4 = 0.09091444562630861, A5 = 0.07665860800278021, A6 = 0.07308224842521703;
    static final double S0 = 1.5707963267948966, S1 = -0.6459640975062443, S2 = 0.07969262624604301,
            S3 = -0.004681754132340976, S4 = 0.0001604411507421909, S5 = -3.59864335298231e-06,
            S6 = 5.633933781537854e-08;
    static final double C0 = 1.0, C1 = -1.2337005501361697, C2 = 0.2536695079010467, C3 = -0.02086348076331121,
            C4 = 0.0009192602741831558, C5 = -2.520203677046026e-05, C6 = 4.710609726757823e-07,
            C7 = -6.321256869628588e-09;
    /** {@code (atanh(s)/s − 1)/s² ≈ Σ ATANH[k] z^k}, z = s². */
    static final double[] ATANH = {A0, A1, A2, A3, A4, A5, A6};
    /** {@code sin((π/2) g) ≈ g Σ SIN[k] g^{2k}}. */
    static final double[] SIN = {S0, S1, S2, S3, S4, S5, S6};
    /** {@code cos((π/2) g) ≈ Σ COS[k] g^{2k}}. */
    static final double[] COS = {C0, C1, C2, C3, C4, C5, C6, C7};

    /**
     * Whether the vector module is present and not disabled by {@code -Dsde4j.scalar=true}: streams may then
     * switch to the vector kernel once it is warm (see {@link #warmUp(long)}). Deciding it loads nothing of the
     * vector API.
     */
    public static final boolean VECTOR = vectorModulePresent();

    /** Natural logarithm of u ∈ [2^−1022, ∞), normal and finite (the kernels' formula, scalar). */
    static double log(double u) {
        long bits = Double.doubleToRawLongBits(u);
        long exponent = bits >>> 52;
        long mantissa = bits & MANTISSA;
        boolean high = mantissa > SQRT2_MANTISSA;
        double m = Double.longBitsToDouble(mantissa | (high ? HALF_BITS : ONE_BITS));
        exponent += high ? 1 : 0;
        double e = Double.longBitsToDouble(EXP_MAGIC | exponent) - EXP_OFFSET;
        double f = m - 1.0;
        double s = f / (m + 1.0);
        double z = s * s;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(A6, z, A5), z, A4), z, A3), z, A2), z, A1),
                z, A0);
        double s2 = s + s;
        double lnM = Math.fma(s2 * z, p, s2);
        return Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, lnM));
    }

    /** {@code sin((π/2) g)} for |g| ≤ ½. */
    static double sinHalfPi(double g) {
        double z = g * g;
        return g * Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S6, z, S5), z, S4), z, S3), z, S2), z, S1),
                z, S0);
    }

    /** {@code cos((π/2) g)} for |g| ≤ ½. */
    static double cosHalfPi(double g) {
        double z = g * g;
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(C7, z, C6), z, C5), z, C4), z, C3), z, C2),
                z, C1), z, C0);
    }

    /** The scalar kernel: {@code rounds} rounds into {@code out[offset ..]}, advancing the lane states. */
    static void scalarRounds(long[] state, double[] out, int offset, int rounds) {
        for (int r = 0; r < rounds; r++) {
            int base = offset + r * ROUND;
            for (int l = 0; l < LANES; l++) {
                long a = next(state, l);
                long b = next(state, l);
                double u = 2.0 - Double.longBitsToDouble((a >>> 12) | ONE_BITS);
                double radius = Math.sqrt(-2.0 * log(u));
                double g = Double.longBitsToDouble((b & MANTISSA) | ONE_BITS) - 1.5;
                double c = cosHalfPi(g);
                double s = sinHalfPi(g);
                boolean swap = (b & (1L << 62)) != 0;
                double x = radius * (swap ? s : c);
                double y = radius * (swap ? c : s);
                long signX = (b ^ (b << 1)) & SIGN;
                long signY = b & SIGN;
                out[base + l] = Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ signX);
                out[base + LANES + l] = Double.longBitsToDouble(Double.doubleToRawLongBits(y) ^ signY);
            }
        }
    }

    /** xoshiro256++ step of lane l: returns the output and advances the lane's state. */
    private static long next(long[] state, int l) {
        long s0 = state[l];
        long s1 = state[LANES + l];
        long s2 = state[2 * LANES + l];
        long s3 = state[3 * LANES + l];
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        state[l] = s0;
        state[LANES + l] = s1;
        state[2 * LANES + l] = s2;
        state[3 * LANES + l] = s3;
        return result;
    }

    // ---------------------------------------------------------------- warming the vector kernel up (VectorWarmUp)

    /**
     * Warms the vector kernel up in the calling thread, for at most {@code maxMillis}, and returns whether it is in
     * use: streams keep drawing with the scalar kernel (same bits) until the vector kernel is compiled and found
     * faster. Nothing else starts the warm-up and no thread is started: call it where the work is run — before a long
     * run of one thread, or from one worker of a parallel job before it takes work (the warm-up, about 0.4 s of one
     * processor, then runs beside the other workers). Returns at once when the vector module is absent, the kernel
     * is in use already, or another thread is warming it up.
     *
     * @param maxMillis the longest the warm-up may take here, in milliseconds, ≥ 0
     * @return whether the vector kernel is in use on return
     * @throws IllegalArgumentException when maxMillis is negative
     */
    public static boolean warmUp(long maxMillis) {
        if (maxMillis < 0) {
            throw new IllegalArgumentException("maxMillis = " + maxMillis + ": must be ≥ 0");
        }
        return VectorWarmUp.warmUpHere(maxMillis);
    }

    /**
     * Whether a job of about {@code draws} Gaussian draws repays a warm-up of the vector kernel: 2^27 ≈ 1.3·10^8
     * draws or more while the kernel is not in use yet (measured: see {@code VectorWarmUp.WORTH_DRAWS}).
     *
     * @param draws the draws the job will make, ≥ 0 (an estimate is enough)
     * @return whether to call {@link #warmUp(long)} before the job
     * @throws IllegalArgumentException when draws is negative or NaN
     */
    public static boolean worthWarmingUp(double draws) {
        if (!(draws >= 0)) {
            throw new IllegalArgumentException("draws = " + draws + ": must be ≥ 0");
        }
        return VECTOR && !VectorWarmUp.hot && draws >= VectorWarmUp.WORTH_DRAWS;
    }

    /**
     * Whether streams now draw with the vector kernel (it is warm and was found faster).
     *
     * @return true once the switch has happened in this JVM
     */
    public static boolean vectorInUse() {
        return VectorWarmUp.hot;
    }

    private static boolean vectorModulePresent() {
        if (Boolean.getBoolean("sde4j.scalar")) {
            return false;
        }
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
