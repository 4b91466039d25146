package org.sde4j.nn.bench;

import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Residual;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.train.Models;

/** Manual profiling aid (not a test): per top-level layer forward and backward time of resnet20 at batch 128. */
public final class LayerTiming {
    public static void main(String[] args) {
        // With one thread all work runs on this thread, so its CPU time is a load-independent measure.
        boolean cpu = args.length > 1 && args[1].equals("cpu");
        try (org.sde4j.nn.Parallel parallel = org.sde4j.nn.Parallel.of(cpu ? 1 : org.sde4j.nn.Parallel.defaultThreads())) {
            parallel.execute(() -> time(args, cpu));
        }
    }

    private static void time(String[] args, boolean cpu) {
        int[] widths = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {8, 16, 32};
        Sequential net = Models.build("resnet20", widths, 3, 28, 10, 1);
        Tensor x = Tensor.zeros(1, 128, 28, 28);
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        int L = net.layers().size();
        long[] fw = new long[L];
        long[] bw = new long[L];
        long[] fwBest = new long[L];
        long[] bwBest = new long[L];
        java.util.Arrays.fill(fwBest, Long.MAX_VALUE);
        java.util.Arrays.fill(bwBest, Long.MAX_VALUE);
        int iters = Integer.parseInt(args.length > 0 ? args[0] : "30");
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier clock = cpu ? mx::getCurrentThreadCpuTime : System::nanoTime;
        for (int it = 0; it < iters; it++) {
            Tensor[] ins = new Tensor[L + 1];
            ins[0] = x;
            for (int l = 0; l < L; l++) {
                long t = clock.getAsLong();
                ins[l + 1] = net.layers().get(l).forward(ins[l], true);
                long d = clock.getAsLong() - t;
                if (it >= iters / 3) {
                    fw[l] += d;
                    fwBest[l] = Math.min(fwBest[l], d);
                }
            }
            Tensor g = Tensor.zeros(ins[L].shape());
            java.util.Arrays.fill(g.data(), 0.01f);
            for (int l = L - 1; l >= 0; l--) {
                long t = clock.getAsLong();
                g = net.layers().get(l).backward(g);
                long d = clock.getAsLong() - t;
                if (it >= iters / 3) {
                    bw[l] += d;
                    bwBest[l] = Math.min(bwBest[l], d);
                }
            }
        }
        int n = iters - iters / 3;
        double total = 0;
        double best = 0;
        for (int l = 0; l < L; l++) {
            Layer layer = net.layers().get(l);
            System.out.printf("%2d %-16s fw %7.2f ms  bw %7.2f ms   (fastest: fw %7.2f ms  bw %7.2f ms)%n", l,
                    layer.getClass().getSimpleName(), fw[l] / 1e6 / n, bw[l] / 1e6 / n, fwBest[l] / 1e6,
                    bwBest[l] / 1e6);
            total += (fw[l] + bw[l]) / 1e6 / n;
            best += (fwBest[l] + bwBest[l]) / 1e6;
        }
        // On a shared machine the sum of each layer's fastest pass is the steadier figure.
        System.out.printf("total %.1f ms per batch of 128 -> %.0f images/s; sum of fastest passes %.1f ms%n", total,
                128 / total * 1000, best);
    }
}
