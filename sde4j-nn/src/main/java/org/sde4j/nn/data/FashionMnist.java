package org.sde4j.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60 000 training and 10 000 test images, 28 × 28 grey levels
 * scaled to [0, 1], 10 classes. MNIST has the same files and format.
 *
 * <p>A directory holds the four standard files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with a {@code .gz} suffix.
 *
 * <p>{@link #loadDefault()} finds the data a program should use when it was given no directory, in this order:
 * <ol>
 *   <li>the directory named by the environment variable {@value #DIR_VARIABLE}, when it holds the four files;</li>
 *   <li>{@value #DEFAULT_DIR}, where Debian's {@code dataset-fashion-mnist} package installs the full set;</li>
 *   <li>the subset bundled in this jar: the first {@value #SUBSET_TRAIN} training and {@value #SUBSET_TEST} test
 *       images of the real data set, unchanged (Fashion-MNIST is MIT-licensed; the notice is beside the files,
 *       {@code LICENSE-fashion-mnist.txt}). It is enough to train a small network to well above chance, not to
 *       reach published accuracies: {@link Split#full()} tells the two apart.</li>
 * </ol>
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    /** The environment variable that names a directory holding the four files. */
    public static final String DIR_VARIABLE = "FASHION_MNIST_DIR";
    /** Training images in the bundled subset. */
    public static final int SUBSET_TRAIN = 2000;
    /** Test images in the bundled subset. */
    public static final int SUBSET_TEST = 1000;
    /** How to get the full data, for messages. */
    public static final String INSTALL_HINT = "install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu),"
            + " or download the four files from https://github.com/zalandoresearch/fashion-mnist and pass --data DIR"
            + " or set " + DIR_VARIABLE;
    private static final String SUBSET_RESOURCE = "fashion-mnist-subset/";
    private static final int SIDE = 28;
    private static final int CLASSES = 10;
    private static final int FULL_TRAIN = 60_000;
    private static final int FULL_TEST = 10_000;

    private FashionMnist() {
    }

    /**
     * The training and test sets.
     *
     * @param train  the training set
     * @param test   the test set
     * @param source where they were read from, for people: a directory, or the bundled subset and why it was
     *               chosen
     */
    public record Split(Dataset train, Dataset test, String source) {
        /** Whether this is the whole data set (60 000 + 10 000 images), on which published accuracies hold. */
        public boolean full() {
            return train.size() == FULL_TRAIN && test.size() == FULL_TEST;
        }
    }

    /**
     * Loads both sets from {@code dir}, pixels scaled to [0, 1].
     *
     * @throws IllegalStateException when a file is missing (the message says how to get the data) or invalid
     *                               ({@link Idx.IdxFormatException})
     */
    public static Split load(Path dir) {
        return new Split(load(dir, "train"), load(dir, "t10k"), dir.toString());
    }

    /**
     * The data a program should use when it was given no directory: {@value #DIR_VARIABLE}, else
     * {@value #DEFAULT_DIR}, else the bundled subset (see the class comment). {@link Split#source()} says which,
     * and when the subset was chosen, why.
     *
     * @throws IllegalStateException when a directory holds all four files and one of them is invalid
     */
    public static Split loadDefault() {
        String named = System.getenv(DIR_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path dir = Path.of(named);
            if (holdsData(dir)) {
                return load(dir);
            }
            if (holdsData(Path.of(DEFAULT_DIR))) {
                return relabel(load(Path.of(DEFAULT_DIR)), DEFAULT_DIR + " (" + DIR_VARIABLE + "=" + named
                        + " has no Fashion-MNIST files)");
            }
            return relabel(loadBundledSubset(), "the bundled subset (" + DIR_VARIABLE + "=" + named
                    + " has no Fashion-MNIST files, and " + DEFAULT_DIR + " is absent)");
        }
        if (holdsData(Path.of(DEFAULT_DIR))) {
            return load(Path.of(DEFAULT_DIR));
        }
        return relabel(loadBundledSubset(), "the bundled subset (" + DEFAULT_DIR + " is absent)");
    }

    /** The subset bundled in this jar: the first {@value #SUBSET_TRAIN} training and {@value #SUBSET_TEST} test images. */
    public static Split loadBundledSubset() {
        return new Split(loadResource("train"), loadResource("t10k"), "the bundled subset");
    }

    /** Whether {@code dir} holds the four files (raw or gzip); their contents are checked when they are loaded. */
    public static boolean holdsData(Path dir) {
        for (String prefix : new String[] {"train", "t10k"}) {
            for (String kind : new String[] {"-images-idx3-ubyte", "-labels-idx1-ubyte"}) {
                String name = prefix + kind;
                if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Split relabel(Split split, String source) {
        return new Split(split.train(), split.test(), source);
    }

    private static Dataset load(Path dir, String prefix) {
        Idx.Images images = Idx.readImages(find(dir, prefix + "-images-idx3-ubyte"), SIDE, SIDE);
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        return dataset(images, Idx.readLabels(labelFile, CLASSES), labelFile.toString());
    }

    private static Dataset loadResource(String prefix) {
        String imageName = SUBSET_RESOURCE + prefix + "-images-idx3-ubyte.gz";
        String labelName = SUBSET_RESOURCE + prefix + "-labels-idx1-ubyte.gz";
        try (InputStream images = resource(imageName); InputStream labels = resource(labelName)) {
            return dataset(Idx.readImages(imageName, images, SIDE, SIDE), Idx.readLabels(labelName, labels, CLASSES),
                    labelName);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled Fashion-MNIST subset cannot be read", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the bundled Fashion-MNIST subset is missing from the class path: no "
                    + name + " beside " + FashionMnist.class.getName());
        }
        return in;
    }

    private static Dataset dataset(Idx.Images images, byte[] labels, String labelSource) {
        if (labels.length != images.count()) {
            throw new Idx.IdxFormatException(labelSource, labels.length + " labels for " + images.count()
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
