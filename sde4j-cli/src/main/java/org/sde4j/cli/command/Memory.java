package org.sde4j.cli.command;

import org.sde4j.cli.output.Format;

/**
 * The memory check of commands that allocate in proportion to their arguments (networks, sample arrays): the
 * estimate of the large arrays against the heap that is left, made before anything is allocated, with an error
 * that names the options to change.
 */
final class Memory {
    private Memory() {
    }

    /**
     * @param what   the options and values that set the size, e.g. "--paths = 2147483647"
     * @param bytes  the estimate (a double, so that a product beyond a long stays large)
     * @param change what to ask for instead, e.g. "fewer --paths"
     * @throws IllegalArgumentException when {@code bytes} is more than the heap that is left
     */
    static void require(String what, double bytes, String change) {
        Runtime runtime = Runtime.getRuntime();
        long inUse = runtime.totalMemory() - runtime.freeMemory();
        long available = runtime.maxMemory() - inUse;
        if (!(bytes <= available)) {
            throw new IllegalArgumentException(what + ": needs about " + size(bytes) + " of memory; this JVM has "
                    + size(available) + " available (heap limit " + size(runtime.maxMemory()) + "; raise it with -Xmx,"
                    + " or ask for " + change + ")");
        }
    }

    static String size(double bytes) {
        if (!Double.isFinite(bytes) || bytes >= 1L << 60) {
            return "more than 1 EB";
        }
        if (bytes >= 1L << 30) {
            return Format.f("%.1f GB", bytes / (1L << 30));
        }
        return bytes >= 1L << 20 ? Format.f("%.1f MB", bytes / (1L << 20)) : Format.f("%.0f bytes", bytes);
    }

    /**
     * The bytes of a network's parameters, gradients and optimiser state (4 float copies) and of the activations
     * of one batch it keeps for the backward pass (about 8 floats per feature-map value and layer), for Fashion-MNIST
     * (28 × 28, 10 classes). An estimate of the large arrays: {@code mlp} is dense layers of {@code widths}; every
     * other architecture is taken as convolution stages of {@code blocks} two-convolution blocks at 28, 14, 7, …
     * pixels (a multi-branch architecture counted twice).
     */
    static double network(String arch, int[] widths, int blocks, int batch) {
        double params = 0;
        double activations = 0;
        if (arch.equals("mlp")) {
            double in = 784;
            for (int w : widths) {
                params += in * w + w;
                activations += 3.0 * w;
                in = w;
            }
            params += in * 10;
        } else {
            double in = 1;
            double side = 28;
            int perStage = arch.equals("cnn") ? 1 : Math.max(1, blocks);
            double branches = arch.equals("cnn") || arch.equals("resnet20") ? 1 : 2;
            for (int w : widths) {
                params += branches * perStage * (9.0 * in * w + 9.0 * w * w);
                activations += branches * perStage * 8.0 * side * side * w;
                in = w;
                side = Math.max(1, Math.ceil(side / 2));
            }
        }
        return 4.0 * (4 * params + (double) batch * activations);
    }

    /** "--widths 4096,4096 --blocks 3": the options that set a network's size, as typed. */
    static String networkOptions(int[] widths, int blocks, boolean withBlocks) {
        StringBuilder s = new StringBuilder("--widths ");
        for (int i = 0; i < widths.length; i++) {
            s.append(i > 0 ? "," : "").append(widths[i]);
        }
        return withBlocks ? s + " --blocks " + blocks : s.toString();
    }
}
