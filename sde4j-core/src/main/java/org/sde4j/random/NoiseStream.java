package org.sde4j.random;

import org.sde4j.sde.Require;

/**
 * A reproducible stream of unit-step draws of one {@link NoiseModel}, keyed by {@code (seed, index)}: the
 * non-Gaussian twin of {@link BoxMullerStream} for blocks of paths driven by a weak scheme's own noise (two-point,
 * three-point, or any model whose law {@linkplain NoiseModel#scalesWithStep scales with the step}).
 *
 * <p><b>The draws.</b> The draws are the model's {@linkplain NoiseModel#unitDraws unit-step draws} ξ₁, its
 * increments over a step of size 1, over a counter-based generator (SplitMix64 outputs, {@link KeyedStream}) keyed
 * by {@code (seed, index)} and a fixed tag that keeps these keys apart from the Brownian tree's: for the two-point
 * law one bit per draw, for the three-point law a uniform index in 0..5 per 32 bits (see {@code UnitPointDraws}),
 * for other models the model's sampler at h = 1. A step of size h then uses {@code ΔŴ = √h ξ₁}, which has the
 * model's law at h (Kloeden &amp; Platen 1992, (14.2.3), (15.1.4)): for example ±√3 with probability 1/6 each and
 * 0 with probability 2/3 for the three-point law. For the models of {@link NoiseModels} the values are the
 * samplers' own, so {@code √h ξ₁} is exactly the product the per-path source forms, and a block step and the
 * per-path step agree on the same draws (the streams differ: the per-path source draws one value per call).
 *
 * <p><b>Streams.</b> Stream {@code (seed, index)} depends on nothing else: an ensemble gives each fixed block
 * of paths its own stream, and the thread count never changes a result. {@link #reset} starts fresh unit draws
 * too, so bits left over (or a sampler's own state) carry nothing from one block to the next.
 *
 * <p><b>Replaying.</b> {@link #position()} counts the draws since the last reset; {@link #rewind(long)} goes
 * back to an earlier position by re-keying and drawing forward again (O(position), for the rare replay of a
 * diverging block; never on the normal path).
 *
 * <p>Mutable and thread-confined; {@link #next} allocates nothing.
 */
public final class NoiseStream {
    /** Third key word: these streams never share a key with a {@link KeyedStream} node of a Brownian tree. */
    private static final long TAG = 0x6e6f6973652d626cL;

    private final NoiseModel model;
    private final KeyedStream bits = new KeyedStream();
    private NoiseModel.UnitDraws draws;
    private long seed;
    private long index;
    private long position;

    private NoiseStream(NoiseModel model) {
        this.model = model;
    }

    /**
     * Stream {@code index} of {@code seed} of unit-step draws of {@code model}.
     *
     * @param model a noise model whose law scales with the step (Gaussian, two-point, three-point, …)
     * @param seed  root seed
     * @param index stream index (for example a block of paths), any long
     * @return a new stream; thread-confined
     * @throws IllegalArgumentException when the model's law does not scale with the step (Bernoulli, uniform):
     *                                  its draws are not {@code √h ξ₁}
     */
    public static NoiseStream of(NoiseModel model, long seed, long index) {
        Require.nonNull("model", model);
        if (!model.scalesWithStep()) {
            throw new IllegalArgumentException("model = " + model.name() + ": its law does not scale with the step,"
                    + " so it has no unit-step draws ξ₁ with ΔŴ = √h ξ₁; only models with scalesWithStep() are allowed");
        }
        NoiseStream s = new NoiseStream(model);
        s.reset(seed, index);
        return s;
    }

    /** The law of the draws. */
    public NoiseModel model() {
        return model;
    }

    /**
     * Re-keys this stream in place: afterwards it produces exactly what {@code of(model(), seed, index)} would.
     * Starts fresh unit draws (one small object).
     */
    public void reset(long seed, long index) {
        this.seed = seed;
        this.index = index;
        bits.reset(seed, index, TAG);
        draws = model.unitDraws(bits);
        position = 0;
    }

    /**
     * Writes the next {@code count} unit-step draws into {@code out[offset .. offset + count)}. The stream is the
     * same however it is cut into calls.
     *
     * @throws IllegalArgumentException when the range lies outside {@code out}
     */
    public void next(double[] out, int offset, int count) {
        if (offset < 0 || count < 0 || offset > out.length - count) {
            throw new IllegalArgumentException("offset = " + offset + ", count = " + count + ": must describe a range"
                    + " inside the array of length " + out.length);
        }
        draws.fill(out, offset, count);
        position += count;
    }

    /** Draws since the last {@link #reset} (or creation). */
    public long position() {
        return position;
    }

    /**
     * Goes back to {@code position}: the following draws are those that followed it.
     *
     * @param position a position already passed, in {@code [0, position()]}
     * @throws IllegalArgumentException when the position lies outside {@code [0, position()]}
     */
    public void rewind(long position) {
        if (position < 0 || position > this.position) {
            throw new IllegalArgumentException("position = " + position + ": must lie in [0, " + this.position
                    + "], the draws already made");
        }
        reset(seed, index);
        double[] skipped = new double[(int) Math.min(position, 4096)];
        for (long done = 0; done < position; ) {
            int n = (int) Math.min(skipped.length, position - done);
            draws.fill(skipped, 0, n);
            done += n;
        }
        this.position = position;
    }

    @Override
    public String toString() {
        return "NoiseStream[" + model.name() + ", seed " + seed + ", index " + index + ", position " + position + "]";
    }
}
