package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.solver.step.BranchField;

/**
 * Residual branches (layers) as a {@link BranchField}: branch k is a layer {@code B_k} with constant drift and
 * diffusion weights. A scheme that evaluates a branch at several stages of a step gets one
 * {@linkplain Layer#sharedCopyWithOwnStatistics shared copy} of the layer per stage, so every evaluation keeps its
 * own activations for the backward pass while all of them train the same parameters. Each stage keeps its own
 * batch-norm running statistics: the inputs of stage i follow their own law (PolyNet's second evaluation sees
 * F(x), FractalNet's x + F(x)), and statistics shared by the stages would, at evaluation, normalise every stage
 * with a mixture of their laws — which left PolyNet and FractalNet at chance test accuracy while they trained.
 * The stages' statistics are {@linkplain #buffers buffers} once {@link #stages} has created them.
 */
public final class LayerField implements BranchField<Tensor> {
    private final Layer[] originals;
    private final double[] driftWeights;
    private final double[] diffusionWeights;
    private final List<List<Layer>> slots = new ArrayList<>();
    private boolean training;

    /**
     * @param branches         the branch layers
     * @param driftWeights     a_k, one per branch
     * @param diffusionWeights b_k, one per branch
     */
    public LayerField(List<? extends Layer> branches, double[] driftWeights, double[] diffusionWeights) {
        if (branches.isEmpty() || driftWeights.length != branches.size() || diffusionWeights.length != branches.size()) {
            throw new IllegalArgumentException("branches: " + branches.size() + ", drift weights: " + driftWeights.length
                    + ", diffusion weights: " + diffusionWeights.length + ": must be equal and at least 1");
        }
        this.originals = branches.toArray(new Layer[0]);
        this.driftWeights = driftWeights.clone();
        this.diffusionWeights = diffusionWeights.clone();
        for (Layer original : originals) {
            List<Layer> perSlot = new ArrayList<>();
            perSlot.add(original);
            slots.add(perSlot);
        }
    }

    /** Whether the following evaluations run in training mode (batch statistics). */
    public void training(boolean value) {
        this.training = value;
    }

    private Layer layer(int branch, int slot) {
        List<Layer> perSlot = slots.get(branch);
        while (perSlot.size() <= slot) {
            perSlot.add(originals[branch].sharedCopyWithOwnStatistics());
        }
        return perSlot.get(slot);
    }

    /**
     * Creates the per-stage copies of every branch for a scheme of {@code count} stages now (rather than at
     * their first evaluation), so that {@link #buffers} lists their statistics from construction on — what
     * checkpoints need.
     *
     * @param count the number of stages (slots), at least 1
     */
    public void stages(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + ": must be at least 1");
        }
        for (int branch = 0; branch < originals.length; branch++) {
            layer(branch, count - 1);
        }
    }

    @Override
    public int branches() {
        return originals.length;
    }

    @Override
    public double driftWeight(int branch, double t) {
        return driftWeights[branch];
    }

    @Override
    public double diffusionWeight(int branch, double t) {
        return diffusionWeights[branch];
    }

    @Override
    public Tensor evaluate(int branch, int slot, double t, Tensor x) {
        return layer(branch, slot).forward(x, training);
    }

    @Override
    public Tensor backward(int branch, int slot, Tensor dOut) {
        return layer(branch, slot).backward(dOut);
    }

    /** Freezes or releases the running statistics of every batch norm in the branches (see {@link BatchNorm}). */
    public void freezeRunningStatistics(boolean frozen) {
        for (List<Layer> perSlot : slots) {
            for (Layer l : perSlot) {
                freeze(l, frozen);
            }
        }
    }

    private static void freeze(Layer layer, boolean frozen) {
        if (layer instanceof BatchNorm bn) {
            bn.freezeRunningStatistics(frozen);
        } else if (layer instanceof Sequential seq) {
            seq.layers().forEach(l -> freeze(l, frozen));
        }
    }

    /** Releases the activations of every branch layer (see {@link Layer#release}). */
    public void release() {
        for (List<Layer> perSlot : slots) {
            perSlot.forEach(Layer::release);
        }
    }

    /** The parameters of all branches, in branch order. */
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer l : originals) {
            all.addAll(l.params());
        }
        return all;
    }

    /** The buffers of all branches, in branch order, each branch's stages in stage order. */
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>();
        for (List<Layer> perSlot : slots) {
            for (Layer l : perSlot) {
                for (Tensor t : l.buffers()) {
                    if (all.stream().noneMatch(u -> u == t)) {
                        all.add(t);
                    }
                }
            }
        }
        return all;
    }
}
