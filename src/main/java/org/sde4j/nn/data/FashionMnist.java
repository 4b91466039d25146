package org.sde4j.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60 000 training and 10 000 test images, 28 × 28 grey levels
 * scaled to [0, 1], 10 classes. MNIST has the same files and format.
 *
 * <p>A directory holds the four standard files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with a {@code .gz} suffix.
 * The default directory is {@value #DEFAULT_DIR}, where Debian's {@code dataset-fashion-mnist} package puts it.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    /** How to get the data, for messages. */
    public static final String INSTALL_HINT = "install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu),"
            + " or download the four files from https://github.com/zalandoresearch/fashion-mnist and pass --data DIR";
    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    private FashionMnist() {
    }

    /** The training and test sets. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Loads both sets from {@code dir}, pixels scaled to [0, 1].
     *
     * @throws IllegalStateException when a file is missing (the message says how to get the data) or invalid
     *                               ({@link Idx.IdxFormatException})
     */
    public static Split load(Path dir) {
        return new Split(load(dir, "train"), load(dir, "t10k"));
    }

    private static Dataset load(Path dir, String prefix) {
        Idx.Images images = Idx.readImages(find(dir, prefix + "-images-idx3-ubyte"), SIDE, SIDE);
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        byte[] labels = Idx.readLabels(labelFile, CLASSES);
        if (labels.length != images.count()) {
            throw new Idx.IdxFormatException(labelFile, labels.length + " labels for " + images.count()
                    + " images in the matching image file");
        }
        float[] x = new float[images.pixels().length];
        byte[] p = images.pixels();
        for (int i = 0; i < x.length; i++) {
            x[i] = (p[i] & 0xff) / 255f;
        }
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] & 0xff;
        }
        return new Dataset(x, y, SIDE, SIDE, CLASSES);
    }

    private static Path find(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new IllegalStateException("Fashion-MNIST not found: no " + name + "[.gz] in " + dir + "; "
                + INSTALL_HINT);
    }
}
