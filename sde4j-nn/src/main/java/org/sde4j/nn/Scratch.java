package org.sde4j.nn;

import java.lang.ref.SoftReference;

/**
 * The per-thread scratch buffers of the layer kernels, all in one place: one buffer per {@link Slot} and thread,
 * grown to the largest size asked for and reused by every layer of the thread, so that a training step allocates
 * no scratch once warm.
 *
 * <p><b>Owned by the run, and bounded.</b> A buffer lives no longer than the run that uses it: when the outermost
 * {@link Parallel#call} of a thread returns (a trainer's whole run), that thread's buffers are released; the helper
 * threads of {@link Parallel#of} take theirs with them when the {@code Parallel} is closed. Buffers of threads that
 * outlive runs (an executor's, or a thread that calls kernels outside any {@code Parallel}) are held softly: the
 * garbage collector takes them back before it would run out of memory, and the next use allocates again. Which
 * buffer a kernel gets never changes a result: every use writes what it reads.
 *
 * <p>For the kernels of this module; a buffer is valid until the next request for the same slot on the same thread.
 */
public final class Scratch {
    /** What a buffer is for; one buffer per slot and thread. */
    public enum Slot {
        /** {@code Conv2d}: the column matrix of one chunk of images. */
        CONV_COLUMNS,
        /** {@code ShiftedConvolution}: a block's input spread into phase planes. */
        CONV_PHASES,
        /**
         * {@code ShiftedConvolution}: a block's input spread into phase planes beside its output gradients'
         * (a same-size convolution's backward pass).
         */
        CONV_INPUT_PHASES,
        /** {@code ShiftedConvolution}: a block's output gradients in padded output coordinates. */
        CONV_GRADIENTS,
        /** {@code ShiftedConvolution}: a block's forward results. */
        CONV_RESULT,
        /** {@code ShiftedConvolution}: a piece of the contraction transposed for the weight gradient. */
        CONV_TRANSPOSED,
        /** {@code VectorGemm}: the last columns of B copied for a contiguous dot product. */
        GEMM_TAIL,
        /** {@code VectorGemm}: the logical-lane partial sums of the dot products of four rows of A, between blocks. */
        GEMM_LANES
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Scratch() {
    }

    /**
     * The calling thread's buffer for {@code slot}, at least {@code size} floats long (contents undefined).
     *
     * @param slot what it is for
     * @param size the floats needed
     * @return the buffer
     */
    public static float[] floats(Slot slot, int size) {
        Buffers b = BUFFERS.get();
        SoftReference<float[]> held = b.floats[slot.ordinal()];
        float[] buffer = held == null ? null : held.get();
        if (buffer == null || buffer.length < size) {
            buffer = new float[size];
            b.floats[slot.ordinal()] = new SoftReference<>(buffer);
            b.tags[slot.ordinal()] = null;
        }
        return buffer;
    }

    /**
     * What the calling thread's buffer for {@code slot} is known to hold (a kernel's own record, for example the
     * layout whose zeros are in place), or null; a new buffer starts with none.
     *
     * @param slot the slot
     * @return the record set last with {@link #tag(Slot, Object)} for the current buffer, or null
     */
    public static Object tag(Slot slot) {
        Buffers b = BUFFERS.get();
        SoftReference<float[]> held = b.floats[slot.ordinal()];
        return held == null || held.get() == null ? null : b.tags[slot.ordinal()];
    }

    /**
     * Records what the calling thread's current buffer for {@code slot} holds (null: nothing known).
     *
     * @param slot   the slot
     * @param record the record
     */
    public static void tag(Slot slot, Object record) {
        BUFFERS.get().tags[slot.ordinal()] = record;
    }

    /**
     * The calling thread's index buffer (one slot), at least {@code size} ints long (contents undefined).
     *
     * @param size the ints needed
     * @return the buffer
     */
    public static int[] ints(int size) {
        Buffers b = BUFFERS.get();
        int[] buffer = b.ints == null ? null : b.ints.get();
        if (buffer == null || buffer.length < size) {
            buffer = new int[size];
            b.ints = new SoftReference<>(buffer);
        }
        return buffer;
    }

    /** Releases the calling thread's buffers (the end of its run). */
    static void release() {
        BUFFERS.remove();
    }

    /** One thread's buffers. */
    private static final class Buffers {
        @SuppressWarnings("unchecked")
        final SoftReference<float[]>[] floats = new SoftReference[Slot.values().length];
        final Object[] tags = new Object[Slot.values().length];
        SoftReference<int[]> ints;
    }
}
