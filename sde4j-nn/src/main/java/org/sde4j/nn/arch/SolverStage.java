package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.NoisyLayer;
import org.sde4j.random.RandomStreams;

/**
 * A stage of residual blocks of one shape: a time grid of L steps of size 1, one learned field per step,
 * advanced by a scheme of {@code org.sde4j.solver}. Subclasses bind the scheme; this class holds the fields
 * and the noise stream: stream {@code (seed, key · 64 + stage)} of {@link RandomStreams}, with the key set
 * per mini-batch by the training loop, so draws never depend on threads or on earlier batches.
 */
abstract class SolverStage implements NoisyLayer {
    protected final List<LayerField> fields;
    private final long seed;
    private final int stage;
    private long key;
    private boolean monteCarlo;

    SolverStage(List<LayerField> fields, long seed, int stage) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields: a stage needs at least one block");
        }
        if (stage < 0 || stage >= 64) {
            throw new IllegalArgumentException("stage = " + stage + ": must lie in [0, 64)");
        }
        this.fields = List.copyOf(fields);
        this.seed = seed;
        this.stage = stage;
    }

    /** The number of blocks (steps). */
    public int blocks() {
        return fields.size();
    }

    @Override
    public void noiseKey(long value) {
        this.key = value;
    }

    @Override
    public void monteCarlo(boolean stochastic) {
        this.monteCarlo = stochastic;
    }

    /** The generator of this pass, or null for a deterministic (mean-field) pass. */
    protected UniformRandomProvider passRandom(boolean training) {
        if (!training && !monteCarlo) {
            return null;
        }
        return RandomStreams.stream(seed, key * 64 + stage);
    }

    protected void training(boolean training) {
        fields.forEach(f -> f.training(training));
    }

    /** Releases the activations of every block's branches. */
    @Override
    public void release() {
        fields.forEach(LayerField::release);
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        fields.forEach(f -> all.addAll(f.params()));
        return all;
    }

    @Override
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>();
        fields.forEach(f -> all.addAll(f.buffers()));
        return all;
    }
}
