package org.sde4j.nn.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Tensor;
import org.sde4j.random.RandomStreams;

/**
 * Mini-batches of a {@link Dataset} for one epoch: a seeded permutation, then per image an optional
 * augmentation — a random crop of the image zero-padded by {@code pad} pixels on each side (offsets
 * uniform in {@code [0, 2·pad]}, so the output keeps the input size) and a horizontal flip with
 * probability ½.
 *
 * <p>Randomness: the permutation of epoch e comes from stream {@code (seed, SHUFFLE + e)}, and the
 * augmentation of batch b of epoch e from stream {@code (seed, AUGMENT + e·2²⁰ + b)}
 * ({@link RandomStreams}), so every batch is reproducible on its own — for example when resuming from a
 * checkpoint at an epoch boundary.
 */
public final class Batches {
    private static final long SHUFFLE = 1L << 40;
    private static final long AUGMENT = 2L << 40;
    private final Dataset data;
    private final int batchSize;
    private final int pad;
    private final boolean flip;
    private final long seed;

    /**
     * @param data      the (normalised) images
     * @param batchSize images per batch (the last batch of an epoch may be smaller)
     * @param pad       crop padding in pixels, 0 for no crop
     * @param flip      whether to flip horizontally at random
     * @param seed      root seed
     */
    public Batches(Dataset data, int batchSize, int pad, boolean flip, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ": must be at least 1");
        }
        if (pad < 0 || pad >= Math.min(data.rows(), data.cols())) {
            throw new IllegalArgumentException("pad = " + pad + ": must be in [0, " + Math.min(data.rows(),
                    data.cols()) + ")");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.pad = pad;
        this.flip = flip;
        this.seed = seed;
    }

    /** The number of batches per epoch. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The permutation of epoch {@code epoch} (Fisher–Yates over stream {@code (seed, SHUFFLE + epoch)}). */
    public int[] permutation(int epoch) {
        int n = data.size();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        UniformRandomProvider rng = RandomStreams.stream(seed, SHUFFLE + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A batch: images {@code [1, n, rows, cols]} (channel-major, see {@link Tensor}) and labels. */
    public record Batch(Tensor images, int[] labels) {
    }

    /**
     * Batch {@code b} of an epoch whose permutation is {@code perm}, augmented when {@code augment}.
     *
     * @param reuse a previous batch's image tensor to overwrite when its shape fits, or null
     */
    public Batch batch(int[] perm, int epoch, int b, boolean augment, Tensor reuse) {
        int from = b * batchSize;
        int n = Math.min(batchSize, data.size() - from);
        if (b < 0 || n < 1) {
            throw new IllegalArgumentException("batch = " + b + ": must be in [0, " + count() + ")");
        }
        int rows = data.rows();
        int cols = data.cols();
        int p = rows * cols;
        Tensor x = Tensor.reuse(reuse, 1, n, rows, cols);
        float[] xd = x.data();
        int[] y = new int[n];
        UniformRandomProvider rng = augment ? RandomStreams.stream(seed, AUGMENT + ((long) epoch << 20) + b) : null;
        float[] src = data.images();
        for (int i = 0; i < n; i++) {
            int idx = perm[from + i];
            y[i] = data.labels()[idx];
            int dy = 0;
            int dx = 0;
            boolean mirror = false;
            if (augment) {
                dy = pad == 0 ? 0 : rng.nextInt(2 * pad + 1) - pad;
                dx = pad == 0 ? 0 : rng.nextInt(2 * pad + 1) - pad;
                mirror = flip && rng.nextBoolean();
            }
            int out = i * p;
            int in = idx * p;
            for (int r = 0; r < rows; r++) {
                int sr = r + dy;
                for (int c = 0; c < cols; c++) {
                    int sc = (mirror ? cols - 1 - c : c) + dx;
                    xd[out + r * cols + c] = sr < 0 || sr >= rows || sc < 0 || sc >= cols ? 0f
                            : src[in + sr * cols + sc];
                }
            }
        }
        return new Batch(x, y);
    }
}
