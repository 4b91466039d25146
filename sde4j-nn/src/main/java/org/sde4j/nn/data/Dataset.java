package org.sde4j.nn.data;

/**
 * Labelled single-channel images in memory: {@code count} images of {@code rows × cols} floats (row-major,
 * image after image) and their labels in {@code [0, classes)}.
 *
 * @param images  count·rows·cols values
 * @param labels  count labels
 * @param rows    image height
 * @param cols    image width
 * @param classes the number of classes
 */
public record Dataset(float[] images, int[] labels, int rows, int cols, int classes) {
    /** Validates the sizes. */
    public Dataset {
        if ((long) labels.length * rows * cols != images.length) {
            throw new IllegalArgumentException("images.length = " + images.length + ": must be labels.length × rows"
                    + " × cols = " + labels.length + " × " + rows + " × " + cols);
        }
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The first {@code n} images (all of them when {@code n ≥ size()}), sharing nothing. */
    public Dataset limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit = " + n + ": must be at least 1");
        }
        int m = Math.min(n, size());
        int p = rows * cols;
        return new Dataset(java.util.Arrays.copyOf(images, m * p), java.util.Arrays.copyOf(labels, m), rows, cols,
                classes);
    }

    /** A copy normalised by {@code (x − mean) / std}. */
    public Dataset normalised(double mean, double std) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("std = " + std + ": must be positive");
        }
        float[] out = new float[images.length];
        float m = (float) mean;
        float s = (float) (1 / std);
        for (int i = 0; i < out.length; i++) {
            out[i] = (images[i] - m) * s;
        }
        return new Dataset(out, labels.clone(), rows, cols, classes);
    }

    /** The mean of all pixel values (in double). */
    public double mean() {
        double s = 0;
        for (float v : images) {
            s += v;
        }
        return s / images.length;
    }

    /** The sample standard deviation of all pixel values (in double, n − 1 denominator as PyTorch's std). */
    public double std() {
        double mu = mean();
        double s = 0;
        for (float v : images) {
            s += (v - mu) * (v - mu);
        }
        return Math.sqrt(s / (images.length - 1));
    }
}
