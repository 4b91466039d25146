package org.sde4j.nn.layers;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/** The composition {@code f_L ∘ … ∘ f_1}; backward runs the layers in reverse. */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    /** The composition of {@code layers}, first applied first. */
    public Sequential(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must not be empty");
        }
        this.layers = List.copyOf(layers);
    }

    /** The layers, first applied first. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public void release() {
        layers.forEach(Layer::release);
    }

    @Override
    public Layer sharedCopy() {
        return new Sequential(layers.stream().map(Layer::sharedCopy).toList());
    }

    @Override
    public Layer sharedCopyWithOwnStatistics() {
        return new Sequential(layers.stream().map(Layer::sharedCopyWithOwnStatistics).toList());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forwardFirst(layers.size(), x, training);
    }

    /** The forward pass of the first {@code count} layers only (the composition {@code f_count ∘ … ∘ f_1}). */
    public Tensor forwardFirst(int count, Tensor x, boolean training) {
        Tensor t = x;
        for (Layer l : layers.subList(0, count)) {
            t = l.forward(t, training);
        }
        return t;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor t = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            t = layers.get(i).backward(t);
        }
        return t;
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.params()));
        return all;
    }

    @Override
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.buffers()));
        return all;
    }
}
