package org.sde4j.nn.layers;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.nn.Tensor;
import org.sde4j.random.RandomStreams;

/**
 * Seeded weight initialisation.
 *
 * <p>He (Kaiming) normal: {@code w ~ N(0, 2 / fanIn)}, which keeps the variance of activations constant
 * through ReLU layers (He, Zhang, Ren, Sun 2015, "Delving deep into rectifiers"). {@code fanIn} is the
 * number of inputs of one output unit: {@code in} for a dense layer, {@code Cin · kh · kw} for a
 * convolution.
 */
public final class Init {
    private Init() {
    }

    /** Fills {@code w} with He-normal values for the given fan-in, drawn from {@code rng}. */
    public static void heNormal(Tensor w, int fanIn, UniformRandomProvider rng) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fanIn = " + fanIn + ": must be at least 1");
        }
        ContinuousSampler g = RandomStreams.gaussian(rng);
        double sd = Math.sqrt(2.0 / fanIn);
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (sd * g.sample());
        }
    }
}
