package org.sde4j.nn.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.Flatten;
import org.sde4j.nn.layers.GlobalAvgPool;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Pool2d;
import org.sde4j.nn.layers.Relu;
import org.sde4j.nn.layers.Residual;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.arch.Architectures;
import org.sde4j.random.RandomStreams;
import java.util.stream.Stream;

/**
 * The architectures of {@code sde4j train}, for single-channel square images and {@code classes} outputs:
 *
 * <ul>
 *   <li>{@code mlp}: flatten, then per width a dense layer and ReLU, then a dense classifier.</li>
 *   <li>{@code cnn}: per width a 3×3 convolution, batch norm + ReLU and 2×2 max pooling; then global
 *       average pooling and a dense classifier.</li>
 *   <li>{@code resnet20}: He et al. (2016) CIFAR ResNet — a 3×3 stem convolution with batch norm + ReLU,
 *       then one stage per width of {@code blocks} basic blocks ({@code ReLU(x + BN(conv(ReLU(BN(conv x)))))}),
 *       the first block of every stage after the first with stride 2 and a 1×1 convolution + BN shortcut;
 *       global average pooling and a dense classifier. Widths 16/32/64 with 3 blocks are ResNet-20.</li>
 * </ul>
 *
 * <p>and the residual architectures of {@link Architectures} (resnet, polynet, fractalnet, revnet, lm-resnet,
 * stochastic-depth, lm-stochastic-depth, shake-shake, neural-sde, sde-depth), built on the solvers.
 *
 * <p>Layer {@code i} (in construction order) is initialised from stream {@code (seed, INIT + i)}.
 */
public final class Models {
    /** The architecture names. */
    public static final List<String> NAMES = java.util.stream.Stream.concat(Stream.of("mlp", "cnn", "resnet20"),
            Architectures.NAMES.stream()).toList();
    private static final long INIT = 3L << 40;

    private Models() {
    }

    /**
     * Builds a network.
     *
     * @param arch    one of {@link #NAMES}
     * @param widths  hidden sizes (mlp) or channels per stage (cnn, resnet20), each at least 1
     * @param blocks  residual blocks per stage (resnet20 only), at least 1
     * @param side    the image side (28 for Fashion-MNIST)
     * @param classes the number of classes
     * @param seed    the initialisation seed
     */
    public static Sequential build(String arch, int[] widths, int blocks, int side, int classes, long seed) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths: must name at least one width");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("widths: " + w + " must be at least 1");
            }
        }
        Factory f = new Factory(seed);
        return switch (arch) {
            case "mlp" -> mlp(f, widths, side, classes);
            case "cnn" -> cnn(f, widths, classes);
            case "resnet20" -> resnet(f, widths, blocks, classes);
            default -> {
                if (!Architectures.NAMES.contains(arch)) {
                    throw new IllegalArgumentException("arch = " + arch + ": must be one of " + NAMES);
                }
                yield Architectures.build(arch, widths, blocks, classes, seed, Architectures.Options.defaults());
            }
        };
    }

    /** Hands out one initialisation stream per layer, in construction order. */
    private static final class Factory {
        private final long seed;
        private int next;

        Factory(long seed) {
            this.seed = seed;
        }

        UniformRandomProvider rng() {
            return RandomStreams.stream(seed, INIT + next++);
        }

        String name(String kind) {
            return kind + next;
        }
    }

    private static Sequential mlp(Factory f, int[] widths, int side, int classes) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten());
        int in = side * side;
        for (int w : widths) {
            layers.add(new Dense(f.name("dense"), in, w, f.rng()));
            layers.add(new Relu());
            in = w;
        }
        layers.add(new Dense(f.name("dense"), in, classes, f.rng()));
        return new Sequential(layers);
    }

    private static Sequential cnn(Factory f, int[] widths, int classes) {
        List<Layer> layers = new ArrayList<>();
        int in = 1;
        for (int w : widths) {
            layers.add(new Conv2d(f.name("conv"), in, w, 3, 1, 1, f.rng(), in != 1 || layers.size() > 0));
            layers.add(new BatchNorm(f.name("bn"), w, true));
            layers.add(Pool2d.max(2, 2));
            in = w;
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Dense(f.name("fc"), in, classes, f.rng()));
        return new Sequential(layers);
    }

    private static Sequential resnet(Factory f, int[] widths, int blocks, int classes) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks = " + blocks + ": must be at least 1 per stage");
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(f.name("conv"), 1, widths[0], 3, 1, 1, f.rng(), false));
        layers.add(new BatchNorm(f.name("bn"), widths[0], true));
        int in = widths[0];
        for (int s = 0; s < widths.length; s++) {
            int w = widths[s];
            for (int b = 0; b < blocks; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                Layer branch = new Sequential(List.of(
                        new Conv2d(f.name("conv"), in, w, 3, stride, 1, f.rng()),
                        new BatchNorm(f.name("bn"), w, true),
                        new Conv2d(f.name("conv"), w, w, 3, 1, 1, f.rng()),
                        new BatchNorm(f.name("bn"), w, false)));
                Layer shortcut = stride == 1 && in == w ? null : new Sequential(List.of(
                        new Conv2d(f.name("conv"), in, w, 1, stride, 0, f.rng()),
                        new BatchNorm(f.name("bn"), w, false)));
                layers.add(new Residual(branch, shortcut));
                in = w;
            }
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Dense(f.name("fc"), in, classes, f.rng()));
        return new Sequential(layers);
    }

    /** The number of trainable scalars of a network. */
    public static long parameterCount(Layer net) {
        return net.params().stream().mapToLong(p -> p.value().size()).sum();
    }
}
