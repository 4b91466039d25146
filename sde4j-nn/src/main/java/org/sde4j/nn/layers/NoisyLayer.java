package org.sde4j.nn.layers;

/**
 * A layer whose forward pass draws random numbers (the stochastic residual stages). Its draws are a function
 * of a seed and a key set before each pass — the training loop uses the global mini-batch number — so a run
 * is reproducible and a resumed run continues exactly.
 */
public interface NoisyLayer extends Layer {
    /** Sets the key of the next forward pass's noise. */
    void noiseKey(long key);

    /**
     * In evaluation mode, whether forward passes are stochastic (one sample of a Monte Carlo average) or
     * the deterministic mean-field pass (the default: noise replaced by its mean).
     */
    void monteCarlo(boolean stochastic);
}
