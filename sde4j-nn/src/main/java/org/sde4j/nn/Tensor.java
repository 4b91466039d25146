package org.sde4j.nn;

import java.util.Arrays;

/**
 * A float32 tensor: a shape over a flat, row-major {@code float[]}.
 *
 * <p>Image batches use the channel-major layout {@code [channels, batch, height, width]} (CNHW, as in
 * cuDNN's and oneDNN's blocked formats, minus the blocking): element {@code (c, n, h, w)} is at
 * {@code ((c * N + n) * H + h) * W + w}, and a shape always lists dimensions in storage order. A channel is
 * one contiguous block, so a convolution writes its output as one matrix product whose rows are channels (see
 * {@link org.sde4j.nn.layers.Conv2d}), and batch normalisation streams each channel's block once. A batch of
 * single-channel images is the same array in NCHW and CNHW. Feature vectors are {@code [batch, features]}.
 *
 * <p>The in-place vector operations ({@link #axpy}, {@link #scale}, {@link #copyFrom}) make a tensor a
 * vector-space element, so a solver step written over such operations can update network states as it
 * updates {@code double[]} states.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    /** A tensor of the given shape over {@code data} (not copied); the sizes must match. */
    public Tensor(float[] data, int... shape) {
        long size = checkedSize(shape);
        if (data.length != size) {
            throw new IllegalArgumentException("data.length = " + data.length + ": must equal the size "
                    + size + " of shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A zero tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[(int) checkedSize(shape)], shape);
    }

    /**
     * {@code previous} when it has exactly {@code shape} (its contents are left as they are), else a new
     * zero tensor; layers use it to reuse their output buffers from one mini-batch to the next.
     */
    public static Tensor reuse(Tensor previous, int... shape) {
        if (previous != null && Arrays.equals(previous.shape, shape)) {
            return previous;
        }
        return zeros(shape);
    }

    private static long checkedSize(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + ": every dimension must be at least 1");
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": too large for one array");
        }
        return size;
    }

    /** The flat data (modified by writes through it). */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The same data viewed with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    /** Sets every element to zero. */
    public void zero() {
        Arrays.fill(data, 0f);
    }

    /** {@code this ← this + a x}. */
    public void axpy(float a, Tensor x) {
        requireSameSize(x);
        float[] xd = x.data;
        for (int i = 0; i < data.length; i++) {
            data[i] += a * xd[i];
        }
    }

    /** {@code this ← a this}. */
    public void scale(float a) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= a;
        }
    }

    /** {@code this ← x} (same size). */
    public void copyFrom(Tensor x) {
        requireSameSize(x);
        System.arraycopy(x.data, 0, data, 0, data.length);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    private void requireSameSize(Tensor x) {
        if (x.data.length != data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(x.shape)
                    + ": must have the size of " + Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
