package org.sde4j.models.jump;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Samplers;
import org.sde4j.random.KeyedStream;

/**
 * The candidate jumps of one path on {@code (t0, t1]}: times of a Poisson process of rate λ̄ (exponential gaps),
 * each with its mark and a uniform for thinning, all drawn in that order from the path's jump stream, keyed by
 * {@code (seed, path, }{@value #TAG}{@code )}. Mutable scratch, reused from path to path by one thread.
 */
public final class JumpSchedule {
    /** Third key word of the jump streams (the Gaussian streams use another). */
    public static final long TAG = 0x6a756d7073L;

    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler gaussian = stream.gaussian();
    private double[] times = new double[8];
    private double[] marks = new double[8];
    private double[] uniforms = new double[8];
    private int count;

    /**
     * Draws the candidate jumps of path {@code path}.
     *
     * @param model the jump diffusion
     * @param seed  root seed
     * @param path  path index
     */
    public void sample(JumpDiffusion model, long seed, long path) {
        stream.reset(seed, path, TAG);
        count = 0;
        double rate = model.rateBound();
        if (rate == 0) {
            return;
        }
        double t = model.t0();
        while (true) {
            t += Samplers.exponential(stream, rate);
            if (!(t <= model.t1())) {
                return;
            }
            if (count == times.length) {
                times = java.util.Arrays.copyOf(times, 2 * count);
                marks = java.util.Arrays.copyOf(marks, 2 * count);
                uniforms = java.util.Arrays.copyOf(uniforms, 2 * count);
            }
            times[count] = t;
            marks[count] = model.marks().sample(stream, gaussian);
            uniforms[count] = Samplers.openUniform(stream);
            count++;
        }
    }

    /** The number of candidate jumps. */
    public int count() {
        return count;
    }

    /** The time of candidate {@code k}, increasing in k. */
    public double time(int k) {
        return times[k];
    }

    /** The mark of candidate {@code k}. */
    public double mark(int k) {
        return marks[k];
    }

    /** The thinning uniform of candidate {@code k}, in (0, 1). */
    public double uniform(int k) {
        return uniforms[k];
    }
}
