package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.solver.BranchField;

/**
 * Residual branches (layers) as a {@link BranchField}: branch k is a layer {@code B_k} with constant drift and
 * diffusion weights. A scheme that evaluates a branch at several stages of a step gets one
 * {@linkplain Layer#sharedCopy shared copy} of the layer per stage, so every evaluation keeps its own
 * activations for the backward pass while all of them train the same parameters.
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
            perSlot.add(originals[branch].sharedCopy());
        }
        return perSlot.get(slot);
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

    /** The buffers of all branches, in branch order. */
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>();
        for (Layer l : originals) {
            all.addAll(l.buffers());
        }
        return all;
    }
}
