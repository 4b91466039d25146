package org.sde4j.nn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.Architectures;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.train.Trainer;

/**
 * Measurement aid (not a test): CPU time of one training step (forward + backward, batch 128 of 28×28 images) per
 * architecture, on one thread — its CPU time does not depend on the machine's load — with the architectures
 * interleaved round by round so that they are compared in one sitting; each step's noise comes from a new key.
 * Arguments: rounds (default 12), widths (default 8,16,32), architectures (default all).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:target/lib/* \
 *     org.sde4j.nn.bench.ArchitectureTiming 12 8,16,32 resnet,stochastic-depth,revnet</pre>
 */
public final class ArchitectureTiming {
    private ArchitectureTiming() {
    }

    /**
     * The activations a network holds between training steps: heap in use (after garbage collection) after a
     * training step, minus the same after {@link org.sde4j.nn.layers.Layer#release} — what resnet stores and
     * revnet recomputes.
     */
    static long held(Sequential net, Tensor x) {
        net.release();
        long released = used();
        Tensor y = net.forward(x, true);
        Tensor g = Tensor.zeros(y.shape());
        net.backward(g);
        return used() - released;
    }

    private static long used() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        // rounds = 0: memory only.
        int[] widths = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 16, 32};
        List<String> names = args.length > 2 ? List.of(args[2].split(",")) : Architectures.NAMES;
        // Outside a Parallel, every kernel runs in this thread: its CPU time is the measure.
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Tensor x = Tensor.zeros(1, 128, 28, 28);
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        Sequential[] nets = new Sequential[names.size()];
        for (int a = 0; a < nets.length; a++) {
            nets[a] = Architectures.build(names.get(a), widths, 3, 10, 1, Architectures.Options.defaults());
        }
        double[] total = new double[nets.length];
        int warmup = Math.max(2, rounds / 4);
        for (int round = 0; round < rounds + warmup; round++) {
            for (int a = 0; a < nets.length; a++) {
                long key = round;
                Trainer.noisyLayers(nets[a]).forEach(l -> l.noiseKey(key));
                long start = mx.getCurrentThreadCpuTime();
                Tensor y = nets[a].forward(x, true);
                Tensor g = Tensor.zeros(y.shape());
                Arrays.fill(g.data(), 0.01f);
                nets[a].backward(g);
                if (round >= warmup) {
                    total[a] += (mx.getCurrentThreadCpuTime() - start) * 1e-6 / rounds;
                }
            }
        }
        int base = names.indexOf("resnet");
        for (int a = 0; a < nets.length; a++) {
            System.out.printf(Locale.ROOT, "%-20s %8.1f ms per step%s   activations held %6.1f MiB%n", names.get(a),
                    total[a], base >= 0 ? String.format(Locale.ROOT, "   %.2f× resnet", total[a] / total[base]) : "",
                    held(nets[a], x) / 1048576.0);
        }
    }
}
