/**
 * Winograd F(2×2, 3×3) against sde4j's direct convolution, forward pass of one same-size 3 × 3 convolution
 * (stride 1, padding 1, {@code [C, N, H, W]} float32 in and out), on resnet20's shapes (issue 33).
 *
 * <p><b>What it measures.</b> For each shape (H × W planes, C → C channels, 128 images):
 * <ul>
 *   <li><i>direct</i>: {@code org.sde4j.nn.layers.Conv2d.forward} of a 128-image batch on one thread
 *       ({@code Parallel.of(1)}), i.e. {@code ShiftedConvolution.convolve} on the trainer's own chunks of 8 images
 *       (16 at 7 × 7), which includes its copy into zero-padded planes and its copy out of the padded output;</li>
 *   <li><i>winograd</i>: this file's F(2×2, 3×3) forward pass on the same 128 images in groups of 8 images: a copy
 *       of the group into zero-padded planes with the 8 images in the 8 lanes of an AVX2 vector, the input
 *       transform Bᵀ d B, 16 products {@code M[ξ] = U[ξ] · V[ξ]} ([C_out × C_in] × [C_in × tiles·8]) on a 4 × 3V
 *       register tile, the output transform Aᵀ m A and the copy back to {@code [C, N, H, W]}; the same interface
 *       and the same kind of copy work as the direct side. The filter transform U = G g Gᵀ (once per weight
 *       update) is excluded from the Winograd time and timed on its own;</li>
 *   <li><i>direct, 4 × 3V tile</i>: sde4j's direct method re-written here with a register tile that fits AVX2's
 *       sixteen registers; it gives sde4j's bits (checked: the program counts the outputs that differ). It showed
 *       that sde4j's 6 × 4V tile (24 accumulators) spilled on AVX2; since d470a93 sde4j's own products use 4 × 3V
 *       tiles there, and its direct pass is now the faster of the two (it also skips this variant's unfolding).</li>
 * </ul>
 * Times are thread CPU time ({@code ThreadMXBean.getCurrentThreadCpuTime}) of one call on 128 images, after a
 * warm-up (3 s of CPU time), best and median of the repetitions, the three methods alternating. Accuracy: each
 * result against a double-precision direct convolution of the same float inputs (N(0, 1)) and float weights
 * (sde4j's own He-normal initialisation), max |err| and max |err| / max |ref| over all outputs. The program fails
 * (exit 1) if any result differs from the reference by more than a float32 tolerance (relative 1e-5 of
 * max |ref|).
 * A phase breakdown of the Winograd pass (copies, transforms, products) and an FMA peak of this core are printed
 * too.
 *
 * <p><b>Command</b> (from the repository root, after {@code mvn -B -o -q compile -pl sde4j-nn -am}):
 * <pre>    nice -n 15 java --add-modules jdk.incubator.vector \
 *        -cp "sde4j-nn/target/classes:sde4j-core/target/classes:$HOME/.m2/repository/org/apache/commons/commons-rng-client-api/1.7/commons-rng-client-api-1.7.jar:$HOME/.m2/repository/org/apache/commons/commons-rng-core/1.7/commons-rng-core-1.7.jar:$HOME/.m2/repository/org/apache/commons/commons-rng-sampling/1.7/commons-rng-sampling-1.7.jar" \
 *        bench/WinogradVsDirect.java [repetitions (21)] [shapes, e.g. 28x16,14x32 (all six)]</pre>
 *
 * <p>Options: {@code -Dwinograd.chunkBytes=262144} (bytes of the transformed inputs and products of a chunk of
 * tiles), {@code -Dwinograd.gather=false} (scalar copies into and out of the 8-image layout instead of vector
 * gathers). Measurements on the AVX2 Zen 4 of issue 33: docs/benchmarks.md, "Winograd F(2 × 2, 3 × 3), measured".
 * The prototype's sixteen products have their own 4 × 3V kernel over a packed layout (24-column tiles); sde4j's
 * {@code Gemm} splits columns at multiples of 16 and ran them 2–4× slower here, so the prototype keeps its own.
 *
 * <p>The Winograd code here is a measuring prototype: 256-bit vectors (8 images per vector) whatever the
 * machine, output channels a multiple of 4, batch a multiple of 8.
 */

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Conv2d;

public final class WinogradVsDirect {
    private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();
    private static final int BATCH = 128;
    /** Relative tolerance (of max |ref|) above which the Winograd result counts as wrong. */
    private static final double TOLERANCE = 1e-5;

    private WinogradVsDirect() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        String shapeList = args.length > 1 ? args[1] : "28x16,28x8,14x32,14x16,7x64,7x32";
        try (Parallel parallel = Parallel.of(1)) {
            parallel.execute(() -> run(reps, shapeList));
        }
    }

    private static void run(int reps, String shapeList) {
        System.out.printf("java %s, %s, preferred float vector %d lanes; batch %d, %d timed repetitions each%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                FloatVector.SPECIES_PREFERRED.length(), BATCH, reps);
        System.out.printf("FMA peak of this core (12 independent 8-lane FMA chains): %.1f GFLOP/s%n", fmaPeak());
        List<String> rows = new ArrayList<>();
        for (String s : shapeList.split(",")) {
            String[] hc = s.split("x");
            rows.add(measure(Integer.parseInt(hc[0]), Integer.parseInt(hc[1]), reps));
        }
        System.out.println();
        System.out.println("| plane, channels | sde4j direct ms best / median | direct, 4 × 3V tile ms | Winograd ms"
                + " | sde4j direct / Winograd (medians) | 4 × 3V direct / Winograd | sde4j direct max abs err, rel"
                + " | Winograd max abs err, rel | filter transform ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Checks, times and prints one shape; returns its table row. */
    private static String measure(int h, int c, int reps) {
        int w = h;
        int n = BATCH;
        Conv2d conv = new Conv2d("c", c, c, 3, 1, 1, new SplitMix64(42L + 131L * h + c));
        float[] weights = conv.weight().value().data();
        Tensor x = Tensor.zeros(c, n, h, w);
        SplittableRandom random = new SplittableRandom(7L * h + c);
        float[] xd = x.data();
        for (int i = 0; i < xd.length; i++) {
            xd[i] = (float) gaussian(random);
        }
        Winograd wino = new Winograd(c, c, h, w);
        wino.transformFilters(weights);
        float[] yw = new float[c * n * h * w];
        DirectTile tile = new DirectTile(c, c, h, w, imagesPerChunk(n, h * w));
        float[] yt = new float[c * n * h * w];

        // Accuracy against a double-precision direct convolution.
        double[] ref = reference(c, c, n, h, w, xd, weights);
        float[] yd = conv.forward(x, true).data().clone();
        wino.forward(xd, yw, n, Winograd.ALL);
        tile.forward(xd, weights, yt, n);
        double refMax = 0;
        double errTile = 0;
        int differ = 0;
        double errDirect = 0;
        double errWino = 0;
        for (int i = 0; i < ref.length; i++) {
            refMax = Math.max(refMax, Math.abs(ref[i]));
            errDirect = Math.max(errDirect, Math.abs(yd[i] - ref[i]));
            errWino = Math.max(errWino, Math.abs(yw[i] - ref[i]));
            errTile = Math.max(errTile, Math.abs(yt[i] - ref[i]));
            differ += Float.floatToRawIntBits(yt[i]) != Float.floatToRawIntBits(yd[i]) ? 1 : 0;
        }
        System.out.printf("%n%d×%d, %d→%d channels: max |ref| %.3f; direct max |err| %.3g (rel %.3g); Winograd"
                + " max |err| %.3g (rel %.3g)%n", h, w, c, c, refMax, errDirect, errDirect / refMax, errWino,
                errWino / refMax);
        System.out.printf("direct with the 4 × 3V tile: max |err| %.3g (rel %.3g); %d of %d outputs differ in bits"
                + " from sde4j's%n", errTile, errTile / refMax, differ, ref.length);
        if (!(errWino <= TOLERANCE * refMax) || !(errDirect <= TOLERANCE * refMax)
                || !(errTile <= TOLERANCE * refMax)) {
            System.err.printf("MISMATCH at %d×%d, %d channels: relative errors direct %.3g, Winograd %.3g > %.1g%n",
                    h, w, c, errDirect / refMax, errWino / refMax, TOLERANCE);
            System.exit(1);
        }

        // Timing: warm up both for about 3 s of CPU time, then alternate.
        Runnable direct = () -> conv.forward(x, true);
        Runnable winograd = () -> wino.forward(xd, yw, n, Winograd.ALL);
        Runnable tiled = () -> tile.forward(xd, weights, yt, n);
        long warmEnd = CLOCK.getCurrentThreadCpuTime() + 3_000_000_000L;
        while (CLOCK.getCurrentThreadCpuTime() < warmEnd) {
            direct.run();
            tiled.run();
            winograd.run();
        }
        long[] td = new long[reps];
        long[] tw = new long[reps];
        long[] tt = new long[reps];
        for (int r = 0; r < reps; r++) {
            td[r] = cpuNanos(direct);
            tt[r] = cpuNanos(tiled);
            tw[r] = cpuNanos(winograd);
        }
        Arrays.sort(td);
        Arrays.sort(tw);
        Arrays.sort(tt);
        double tBest = tt[0] / 1e6;
        double tMed = tt[reps / 2] / 1e6;
        double dBest = td[0] / 1e6;
        double dMed = td[reps / 2] / 1e6;
        double wBest = tw[0] / 1e6;
        double wMed = tw[reps / 2] / 1e6;
        // Phases of the Winograd pass, each run alone (medians).
        double pCopies = medianMillis(() -> wino.forward(xd, yw, n, Winograd.PACK | Winograd.UNPACK), reps);
        double pIn = medianMillis(() -> wino.forward(xd, yw, n, Winograd.IN), reps);
        double pGemm = medianMillis(() -> wino.forward(xd, yw, n, Winograd.GEMM), reps);
        double pOut = medianMillis(() -> wino.forward(xd, yw, n, Winograd.OUT), reps);
        double filter = medianMillis(() -> wino.transformFilters(weights), reps);
        double directFlops = 2.0 * c * c * 9 * h * w * n;
        double gemmFlops = 2.0 * 16 * c * c * wino.tiles() * n;
        System.out.printf("direct:   best %.3f ms, median %.3f ms (%.1f GFLOP/s of useful 3×3 work at the median)%n",
                dBest, dMed, directFlops / dMed / 1e6);
        System.out.printf("direct, 4 × 3V tile: best %.3f ms, median %.3f ms (%.1f GFLOP/s)%n", tBest, tMed,
                directFlops / tMed / 1e6);
        System.out.printf("Winograd: best %.3f ms, median %.3f ms; phases alone (medians): copies in+out %.3f,"
                + " input transform %.3f, 16 products %.3f (%.1f GFLOP/s), output transform %.3f; tiles per"
                + " image %d, tile chunk %d; filter transform %.3f ms%n", wBest, wMed, pCopies, pIn, pGemm,
                gemmFlops / pGemm / 1e6, pOut, wino.tiles(), wino.chunkTiles, filter);
        System.out.printf("ratio direct / Winograd: best %.2f, median %.2f; direct 4 × 3V / Winograd: median %.2f%n",
                dBest / wBest, dMed / wMed, tMed / wMed);
        return String.format("| %d×%d, %d→%d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.2f× | %.2f× | %.2g, %.2g"
                + " | %.2g, %.2g | %.3f |", h, w, c, c, dBest, dMed, tBest, tMed, wBest, wMed, dMed / wMed,
                tMed / wMed, errDirect, errDirect / refMax, errWino, errWino / refMax, filter);
    }

    /** Conv2d.imagesPerChunk: the trainer's chunk of a 128-image batch (8 images, 16 at 7 × 7). */
    private static int imagesPerChunk(int n, int hw) {
        int base = (n + Parallel.MAX_CHUNKS - 1) / Parallel.MAX_CHUNKS;
        int align = 16 / gcd(hw, 16);
        int aligned = (base + align - 1) / align * align;
        return aligned <= 2 * base ? Math.min(aligned, n) : base;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long cpuNanos(Runnable r) {
        long t = CLOCK.getCurrentThreadCpuTime();
        r.run();
        return CLOCK.getCurrentThreadCpuTime() - t;
    }

    private static double medianMillis(Runnable r, int reps) {
        for (int i = 0; i < 20; i++) {
            r.run();
        }
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            t[i] = cpuNanos(r);
        }
        Arrays.sort(t);
        return t[reps / 2] / 1e6;
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; one of the pair is enough here.
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** out[o, n, i, j] = Σ_{c,u,v} w[o, c, u, v] · in[c, n, i + u − 1, j + v − 1], in double. */
    private static double[] reference(int inC, int outC, int n, int h, int w, float[] in, float[] wt) {
        double[] out = new double[outC * n * h * w];
        for (int o = 0; o < outC; o++) {
            for (int img = 0; img < n; img++) {
                int ob = (o * n + img) * h * w;
                for (int c = 0; c < inC; c++) {
                    int ib = (c * n + img) * h * w;
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            double wv = wt[((o * inC + c) * 3 + u) * 3 + v];
                            for (int i = 0; i < h; i++) {
                                int si = i + u - 1;
                                if (si < 0 || si >= h) {
                                    continue;
                                }
                                for (int j = Math.max(0, 1 - v); j < Math.min(w, w + 1 - v); j++) {
                                    out[ob + i * w + j] += wv * in[ib + si * w + j + v - 1];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** GFLOP/s of 12 independent chains of 8-lane fused multiply–adds on registers. */
    private static double fmaPeak() {
        double best = 0;
        float[] sink = new float[8];
        for (int trial = 0; trial < 8; trial++) {
            long t = CLOCK.getCurrentThreadCpuTime();
            int iters = 2_000_000;
            fmaLoop(iters, sink);
            long d = CLOCK.getCurrentThreadCpuTime() - t;
            best = Math.max(best, 12.0 * 8 * 2 * iters / d);
        }
        return best;
    }

    private static void fmaLoop(int iters, float[] sink) {
        VectorSpecies<Float> s = FloatVector.SPECIES_256;
        FloatVector m = FloatVector.broadcast(s, 0.999f);
        FloatVector a = FloatVector.broadcast(s, 1e-3f);
        FloatVector x0 = FloatVector.broadcast(s, 1f), x1 = x0.add(1), x2 = x0.add(2), x3 = x0.add(3);
        FloatVector x4 = x0.add(4), x5 = x0.add(5), x6 = x0.add(6), x7 = x0.add(7);
        FloatVector x8 = x0.add(8), x9 = x0.add(9), x10 = x0.add(10), x11 = x0.add(11);
        for (int i = 0; i < iters; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); x10 = x10.fma(m, a); x11 = x11.fma(m, a);
        }
        x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .intoArray(sink, 0);
    }

    /**
     * The direct method of sde4j's {@code ShiftedConvolution} (a block of images copied once into zero-padded
     * planes of pitch W + 1 and H + 1 rows per image; the 9·C_in rows of the product are shifted views of them; the
     * image positions copied out of the padded result) with a register tile sized for AVX2's sixteen vector
     * registers: 4 × 3V (twelve accumulators) instead of sde4j's 6 × 4V (twenty-four, which AVX2 cannot hold).
     * Every output is the same chain of fused multiply–adds over (c, u, v) as in sde4j, so it gives sde4j's bits
     * except where sde4j computes the last n mod 16 columns of a block as dot products.
     */
    static final class DirectTile {
        private final int inC;
        private final int outC;
        private final int h;
        private final int w;
        private final int block;
        private final int pitch;
        private final int imageStride;
        private final int lead;
        private final int columns;
        private final int plane;
        private final float[] planes;
        private final float[] result;
        private final int[] views;

        DirectTile(int inC, int outC, int h, int w, int block) {
            this.inC = inC;
            this.outC = outC;
            this.h = h;
            this.w = w;
            this.block = block;
            this.pitch = w + 1;
            this.imageStride = (h + 1) * pitch;
            this.lead = pitch + 1;
            int span = (block - 1) * imageStride + (h - 1) * pitch + w;
            this.columns = (span + 7) / 8 * 8;
            this.plane = lead + Math.max(block * imageStride, columns + pitch + 1);
            this.planes = new float[inC * plane];
            this.result = new float[outC * columns];
            this.views = new int[inC * 9];
            for (int c = 0; c < inC; c++) {
                for (int u = 0; u < 3; u++) {
                    for (int v = 0; v < 3; v++) {
                        views[(c * 3 + u) * 3 + v] = c * plane + lead + (u - 1) * pitch + (v - 1);
                    }
                }
            }
        }

        /** out ([outC, n, h, w]) ← the convolution of in ([inC, n, h, w]) with weights [outC][inC·9]. */
        void forward(float[] in, float[] weights, float[] out, int n) {
            int hw = h * w;
            for (int b0 = 0; b0 < n; b0 += block) {
                // Data positions only: the zeros between them were written at allocation and stay.
                for (int c = 0; c < inC; c++) {
                    for (int i = 0; i < block; i++) {
                        int src = (c * n + b0 + i) * hw;
                        int dst = c * plane + lead + i * imageStride;
                        for (int r = 0; r < h; r++) {
                            System.arraycopy(in, src + r * w, planes, dst + r * pitch, w);
                        }
                    }
                }
                productRows(outC, columns, 9 * inC, weights, planes, views, result);
                for (int o = 0; o < outC; o++) {
                    for (int i = 0; i < block; i++) {
                        int src = o * columns + i * imageStride;
                        int dst = (o * n + b0 + i) * hw;
                        for (int r = 0; r < h; r++) {
                            System.arraycopy(result, src + r * pitch, out, dst + r * w, w);
                        }
                    }
                }
            }
        }

        /** C[mr × n] = A[mr × k] · B, B(p, j) = b[rows[p] + j]; 4 × 3V tiles, then 4 × 1V; n a multiple of 8. */
        private static void productRows(int mr, int n, int k, float[] a, float[] b, int[] rows, float[] c) {
            final VectorSpecies<Float> sp = FloatVector.SPECIES_256;
            final int vl = 8;
            int j = 0;
            for (; j + 3 * vl <= n; j += 3 * vl) {
                for (int i = 0; i < mr; i += 4) {
                    int a0 = i * k;
                    int a1 = a0 + k;
                    int a2 = a1 + k;
                    int a3 = a2 + k;
                    FloatVector c00 = FloatVector.zero(sp), c01 = FloatVector.zero(sp), c02 = FloatVector.zero(sp);
                    FloatVector c10 = FloatVector.zero(sp), c11 = FloatVector.zero(sp), c12 = FloatVector.zero(sp);
                    FloatVector c20 = FloatVector.zero(sp), c21 = FloatVector.zero(sp), c22 = FloatVector.zero(sp);
                    FloatVector c30 = FloatVector.zero(sp), c31 = FloatVector.zero(sp), c32 = FloatVector.zero(sp);
                    for (int p = 0; p < k; p++) {
                        int bp = rows[p] + j;
                        FloatVector b0 = FloatVector.fromArray(sp, b, bp);
                        FloatVector b1 = FloatVector.fromArray(sp, b, bp + vl);
                        FloatVector b2 = FloatVector.fromArray(sp, b, bp + 2 * vl);
                        FloatVector s = FloatVector.broadcast(sp, a[a0 + p]);
                        c00 = b0.fma(s, c00);
                        c01 = b1.fma(s, c01);
                        c02 = b2.fma(s, c02);
                        s = FloatVector.broadcast(sp, a[a1 + p]);
                        c10 = b0.fma(s, c10);
                        c11 = b1.fma(s, c11);
                        c12 = b2.fma(s, c12);
                        s = FloatVector.broadcast(sp, a[a2 + p]);
                        c20 = b0.fma(s, c20);
                        c21 = b1.fma(s, c21);
                        c22 = b2.fma(s, c22);
                        s = FloatVector.broadcast(sp, a[a3 + p]);
                        c30 = b0.fma(s, c30);
                        c31 = b1.fma(s, c31);
                        c32 = b2.fma(s, c32);
                    }
                    int r0 = i * n + j;
                    c00.intoArray(c, r0);
                    c01.intoArray(c, r0 + vl);
                    c02.intoArray(c, r0 + 2 * vl);
                    c10.intoArray(c, r0 + n);
                    c11.intoArray(c, r0 + n + vl);
                    c12.intoArray(c, r0 + n + 2 * vl);
                    c20.intoArray(c, r0 + 2 * n);
                    c21.intoArray(c, r0 + 2 * n + vl);
                    c22.intoArray(c, r0 + 2 * n + 2 * vl);
                    c30.intoArray(c, r0 + 3 * n);
                    c31.intoArray(c, r0 + 3 * n + vl);
                    c32.intoArray(c, r0 + 3 * n + 2 * vl);
                }
            }
            for (; j < n; j += vl) {
                for (int i = 0; i < mr; i += 4) {
                    int a0 = i * k;
                    FloatVector c0 = FloatVector.zero(sp), c1 = FloatVector.zero(sp);
                    FloatVector c2 = FloatVector.zero(sp), c3 = FloatVector.zero(sp);
                    for (int p = 0; p < k; p++) {
                        FloatVector b0 = FloatVector.fromArray(sp, b, rows[p] + j);
                        c0 = b0.fma(FloatVector.broadcast(sp, a[a0 + p]), c0);
                        c1 = b0.fma(FloatVector.broadcast(sp, a[a0 + k + p]), c1);
                        c2 = b0.fma(FloatVector.broadcast(sp, a[a0 + 2 * k + p]), c2);
                        c3 = b0.fma(FloatVector.broadcast(sp, a[a0 + 3 * k + p]), c3);
                    }
                    int r0 = i * n + j;
                    c0.intoArray(c, r0);
                    c1.intoArray(c, r0 + n);
                    c2.intoArray(c, r0 + 2 * n);
                    c3.intoArray(c, r0 + 3 * n);
                }
            }
        }
    }

    /**
     * F(2×2, 3×3) on {@code [C, N, H, W]} float data, stride 1, padding 1: each 2 × 2 block of outputs (a tile) is
     * {@code Aᵀ [Σ_c (G g Gᵀ) ⊙ (Bᵀ d B)] A} with d the 4 × 4 input patch around it (Lavin and Gray, "Fast
     * algorithms for convolutional neural networks", 2016), with
     * <pre>
     *   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],  Aᵀ = [1 1 1 0; 0 1 −1 −1].
     * </pre>
     * Eight images are processed together, one per lane of a 256-bit vector, so both transforms are plain
     * element-wise vector arithmetic; an odd plane (7 × 7) is covered by a 4 × 4 grid of tiles whose last row and
     * column of outputs are dropped.
     */
    static final class Winograd {
        static final int PACK = 1;
        static final int IN = 2;
        static final int GEMM = 4;
        static final int OUT = 8;
        static final int UNPACK = 16;
        static final int ALL = 31;

        private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
        /** Images per group: the lanes of a vector. */
        private static final int LANES = 8;
        /** Aimed-at bytes of a chunk's V and M buffers (transformed inputs and products). */
        private static final int CHUNK_BYTES = Integer.getInteger("winograd.chunkBytes", 256 * 1024);

        private final int inC;
        private final int outC;
        private final int h;
        private final int w;
        /** Tile rows and columns. */
        private final int th;
        private final int tw;
        /** Padded input plane: rows and columns (one zero row/column before, the rest after). */
        private final int rows;
        private final int cols;
        /** Tiles per chunk (a multiple of 3, so that its columns are a multiple of the 24-column tile). */
        final int chunkTiles;
        /** U[ξ][o][c], ξ = 4·row + column of the 4 × 4 transformed tile. */
        private final float[] u;
        /** Padded input group, [c][row][col][lane]; the padding positions stay zero. */
        private final float[] x;
        /** Output group, [o][2·th][2·tw][lane]. */
        private final float[] y;
        /** Transformed inputs of a chunk, V[ξ][c][tile·8 + lane]. */
        private final float[] v;
        /** Products of a chunk, M[ξ][o][tile·8 + lane]. */
        private final float[] m;

        Winograd(int inC, int outC, int h, int w) {
            if (outC % 4 != 0) {
                throw new IllegalArgumentException("output channels must be a multiple of 4");
            }
            this.inC = inC;
            this.outC = outC;
            this.h = h;
            this.w = w;
            this.th = (h + 1) / 2;
            this.tw = (w + 1) / 2;
            this.rows = 2 * th + 2;
            this.cols = 2 * tw + 2;
            int fit = CHUNK_BYTES / (16 * (inC + outC) * LANES * 4);
            this.chunkTiles = Math.min(th * tw, Math.max(3, fit / 3 * 3));
            this.u = new float[16 * outC * inC];
            this.x = new float[inC * rows * cols * LANES];
            this.y = new float[outC * 2 * th * 2 * tw * LANES];
            this.v = new float[16 * inC * chunkTiles * LANES];
            this.m = new float[16 * outC * chunkTiles * LANES];
        }

        int tiles() {
            return th * tw;
        }

        /** U = G g Gᵀ for every (o, c), from weights [o][c][3][3]; in double, rounded once to float. */
        void transformFilters(float[] weights) {
            double[][] gg = new double[4][3];
            for (int o = 0; o < outC; o++) {
                for (int c = 0; c < inC; c++) {
                    int b = (o * inC + c) * 9;
                    for (int j = 0; j < 3; j++) {
                        double g0 = weights[b + j];
                        double g1 = weights[b + 3 + j];
                        double g2 = weights[b + 6 + j];
                        gg[0][j] = g0;
                        gg[1][j] = 0.5 * (g0 + g1 + g2);
                        gg[2][j] = 0.5 * (g0 - g1 + g2);
                        gg[3][j] = g2;
                    }
                    for (int i = 0; i < 4; i++) {
                        double g0 = gg[i][0];
                        double g1 = gg[i][1];
                        double g2 = gg[i][2];
                        u[((i * 4) * outC + o) * inC + c] = (float) g0;
                        u[((i * 4 + 1) * outC + o) * inC + c] = (float) (0.5 * (g0 + g1 + g2));
                        u[((i * 4 + 2) * outC + o) * inC + c] = (float) (0.5 * (g0 - g1 + g2));
                        u[((i * 4 + 3) * outC + o) * inC + c] = (float) g2;
                    }
                }
            }
        }

        /** out ([outC, n, h, w]) ← the convolution of in ([inC, n, h, w]); {@code phases} selects what runs. */
        void forward(float[] in, float[] out, int n, int phases) {
            if (n % LANES != 0) {
                throw new IllegalArgumentException("batch must be a multiple of " + LANES);
            }
            int tiles = th * tw;
            for (int g = 0; g < n; g += LANES) {
                if ((phases & PACK) != 0) {
                    pack(in, n, g);
                }
                for (int t0 = 0; t0 < tiles; t0 += chunkTiles) {
                    int t1 = Math.min(tiles, t0 + chunkTiles);
                    int width = (t1 - t0) * LANES;
                    if ((phases & IN) != 0) {
                        inputTransform(t0, t1, width);
                    }
                    if ((phases & GEMM) != 0) {
                        for (int xi = 0; xi < 16; xi++) {
                            product(outC, width, inC, u, xi * outC * inC, v, xi * inC * width, m, xi * outC * width);
                        }
                    }
                    if ((phases & OUT) != 0) {
                        outputTransform(t0, t1, width);
                    }
                }
                if ((phases & UNPACK) != 0) {
                    unpack(out, n, g);
                }
            }
        }

        /** Whether the copies use vector gathers ({@code -Dwinograd.gather=false}: scalar loops). */
        private static final boolean GATHER = !"false".equals(System.getProperty("winograd.gather"));
        /** Lane l's offset in a group's input: images are h·w apart within a channel. */
        private final int[] imageOffsets = new int[LANES];
        /** Position of output f = r·w + j of a plane in y (lane 0); padded with the last for whole vectors. */
        private int[] outputPositions;

        /** Images [g, g + 8) of in into x, image l in lane l, at row r + 1, column j + 1. */
        private void pack(float[] in, int n, int g) {
            if (GATHER) {
                for (int l = 0; l < LANES; l++) {
                    imageOffsets[l] = l * h * w;
                }
                for (int c = 0; c < inC; c++) {
                    int src = (c * n + g) * h * w;
                    for (int r = 0; r < h; r++) {
                        int dst = ((c * rows + r + 1) * cols + 1) * LANES;
                        int s = src + r * w;
                        for (int j = 0; j < w; j++) {
                            FloatVector.fromArray(S, in, s + j, imageOffsets, 0).intoArray(x, dst + j * LANES);
                        }
                    }
                }
                return;
            }
            for (int c = 0; c < inC; c++) {
                for (int l = 0; l < LANES; l++) {
                    int src = (c * n + g + l) * h * w;
                    for (int r = 0; r < h; r++) {
                        int dst = ((c * rows + r + 1) * cols + 1) * LANES + l;
                        int s = src + r * w;
                        for (int j = 0; j < w; j++) {
                            x[dst + j * LANES] = in[s + j];
                        }
                    }
                }
            }
        }

        /** The valid outputs of y into images [g, g + 8) of out. */
        private void unpack(float[] out, int n, int g) {
            int yw = 2 * tw;
            int yh = 2 * th;
            if (GATHER) {
                int hw = h * w;
                if (outputPositions == null) {
                    outputPositions = new int[(hw + LANES - 1) / LANES * LANES];
                    for (int f = 0; f < outputPositions.length; f++) {
                        int e = Math.min(f, hw - 1);
                        outputPositions[f] = ((e / w) * yw + e % w) * LANES;
                    }
                }
                int whole = hw / LANES * LANES;
                for (int o = 0; o < outC; o++) {
                    int src = o * yh * yw * LANES;
                    for (int l = 0; l < LANES; l++) {
                        int dst = (o * n + g + l) * hw;
                        for (int f = 0; f < whole; f += LANES) {
                            FloatVector.fromArray(S, y, src + l, outputPositions, f).intoArray(out, dst + f);
                        }
                        for (int f = whole; f < hw; f++) {
                            out[dst + f] = y[src + l + outputPositions[f]];
                        }
                    }
                }
                return;
            }
            for (int o = 0; o < outC; o++) {
                for (int l = 0; l < LANES; l++) {
                    int dst = (o * n + g + l) * h * w;
                    for (int r = 0; r < h; r++) {
                        int src = ((o * yh + r) * yw) * LANES + l;
                        int d = dst + r * w;
                        for (int j = 0; j < w; j++) {
                            out[d + j] = y[src + j * LANES];
                        }
                    }
                }
            }
        }

        /** V[ξ][c][(t − t0)·8 + lane] = (Bᵀ d B)[ξ] for tiles [t0, t1) of the group. */
        private void inputTransform(int t0, int t1, int width) {
            int rowStep = cols * LANES;
            for (int c = 0; c < inC; c++) {
                int ti = t0 / tw;
                int tj = t0 % tw;
                int vc = c * width;
                int stride = inC * width;
                for (int t = t0; t < t1; t++) {
                    int p = ((c * rows + 2 * ti) * cols + 2 * tj) * LANES;
                    int q = vc + (t - t0) * LANES;
                    for (int s = 0; s < 4; s++) {
                        // Column s of Bᵀ d: combinations of the four rows.
                        int ps = p + s * LANES;
                        FloatVector d0 = FloatVector.fromArray(S, x, ps);
                        FloatVector d1 = FloatVector.fromArray(S, x, ps + rowStep);
                        FloatVector d2 = FloatVector.fromArray(S, x, ps + 2 * rowStep);
                        FloatVector d3 = FloatVector.fromArray(S, x, ps + 3 * rowStep);
                        // Stored as rows of e = Bᵀ d in the V slots of column s; finished below.
                        d0.sub(d2).intoArray(v, q + s * stride);
                        d1.add(d2).intoArray(v, q + (4 + s) * stride);
                        d2.sub(d1).intoArray(v, q + (8 + s) * stride);
                        d1.sub(d3).intoArray(v, q + (12 + s) * stride);
                    }
                    for (int r = 0; r < 4; r++) {
                        // Row r of (Bᵀ d) B.
                        int base = q + 4 * r * stride;
                        FloatVector e0 = FloatVector.fromArray(S, v, base);
                        FloatVector e1 = FloatVector.fromArray(S, v, base + stride);
                        FloatVector e2 = FloatVector.fromArray(S, v, base + 2 * stride);
                        FloatVector e3 = FloatVector.fromArray(S, v, base + 3 * stride);
                        e0.sub(e2).intoArray(v, base);
                        e1.add(e2).intoArray(v, base + stride);
                        e2.sub(e1).intoArray(v, base + 2 * stride);
                        e1.sub(e3).intoArray(v, base + 3 * stride);
                    }
                    if (++tj == tw) {
                        tj = 0;
                        ti++;
                    }
                }
            }
        }

        /** y (the 2 × 2 outputs of tiles [t0, t1)) = Aᵀ m A from M. */
        private void outputTransform(int t0, int t1, int width) {
            int yw = 2 * tw;
            int yh = 2 * th;
            int stride = outC * width;
            for (int o = 0; o < outC; o++) {
                int ti = t0 / tw;
                int tj = t0 % tw;
                for (int t = t0; t < t1; t++) {
                    int q = o * width + (t - t0) * LANES;
                    // Rows of Aᵀ m, column s at a time: a0s = m0s + m1s + m2s, a1s = m1s − m2s − m3s.
                    FloatVector m00 = FloatVector.fromArray(S, m, q);
                    FloatVector m01 = FloatVector.fromArray(S, m, q + stride);
                    FloatVector m02 = FloatVector.fromArray(S, m, q + 2 * stride);
                    FloatVector m03 = FloatVector.fromArray(S, m, q + 3 * stride);
                    FloatVector m10 = FloatVector.fromArray(S, m, q + 4 * stride);
                    FloatVector m11 = FloatVector.fromArray(S, m, q + 5 * stride);
                    FloatVector m12 = FloatVector.fromArray(S, m, q + 6 * stride);
                    FloatVector m13 = FloatVector.fromArray(S, m, q + 7 * stride);
                    FloatVector a00 = m00.add(m10);
                    FloatVector a01 = m01.add(m11);
                    FloatVector a02 = m02.add(m12);
                    FloatVector a03 = m03.add(m13);
                    FloatVector a10 = m10;
                    FloatVector a11 = m11;
                    FloatVector a12 = m12;
                    FloatVector a13 = m13;
                    FloatVector m20 = FloatVector.fromArray(S, m, q + 8 * stride);
                    FloatVector m21 = FloatVector.fromArray(S, m, q + 9 * stride);
                    FloatVector m22 = FloatVector.fromArray(S, m, q + 10 * stride);
                    FloatVector m23 = FloatVector.fromArray(S, m, q + 11 * stride);
                    a00 = a00.add(m20);
                    a01 = a01.add(m21);
                    a02 = a02.add(m22);
                    a03 = a03.add(m23);
                    a10 = a10.sub(m20);
                    a11 = a11.sub(m21);
                    a12 = a12.sub(m22);
                    a13 = a13.sub(m23);
                    a10 = a10.sub(FloatVector.fromArray(S, m, q + 12 * stride));
                    a11 = a11.sub(FloatVector.fromArray(S, m, q + 13 * stride));
                    a12 = a12.sub(FloatVector.fromArray(S, m, q + 14 * stride));
                    a13 = a13.sub(FloatVector.fromArray(S, m, q + 15 * stride));
                    int p = ((o * yh + 2 * ti) * yw + 2 * tj) * LANES;
                    a00.add(a01).add(a02).intoArray(y, p);
                    a01.sub(a02).sub(a03).intoArray(y, p + LANES);
                    a10.add(a11).add(a12).intoArray(y, p + yw * LANES);
                    a11.sub(a12).sub(a13).intoArray(y, p + (yw + 1) * LANES);
                    if (++tj == tw) {
                        tj = 0;
                        ti++;
                    }
                }
            }
        }

        /**
         * C[mr × n] = A[mr × k] · B[k × n] (all row-major, packed): 4 × 3V register tiles (12 accumulators, three B
         * loads and four broadcasts per twelve multiply–adds: 16 of AVX2's 16 registers), 4 × 1V for the last
         * columns; mr a multiple of 4, n a multiple of 8.
         */
        private static void product(int mr, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
                int cOff) {
            final int vl = LANES;
            int j = 0;
            for (; j + 3 * vl <= n; j += 3 * vl) {
                for (int i = 0; i < mr; i += 4) {
                    int a0 = aOff + i * k;
                    int a1 = a0 + k;
                    int a2 = a1 + k;
                    int a3 = a2 + k;
                    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
                    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
                    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
                    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
                    for (int p = 0, bp = bOff + j; p < k; p++, bp += n) {
                        FloatVector b0 = FloatVector.fromArray(S, b, bp);
                        FloatVector b1 = FloatVector.fromArray(S, b, bp + vl);
                        FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * vl);
                        FloatVector s = FloatVector.broadcast(S, a[a0 + p]);
                        c00 = b0.fma(s, c00);
                        c01 = b1.fma(s, c01);
                        c02 = b2.fma(s, c02);
                        s = FloatVector.broadcast(S, a[a1 + p]);
                        c10 = b0.fma(s, c10);
                        c11 = b1.fma(s, c11);
                        c12 = b2.fma(s, c12);
                        s = FloatVector.broadcast(S, a[a2 + p]);
                        c20 = b0.fma(s, c20);
                        c21 = b1.fma(s, c21);
                        c22 = b2.fma(s, c22);
                        s = FloatVector.broadcast(S, a[a3 + p]);
                        c30 = b0.fma(s, c30);
                        c31 = b1.fma(s, c31);
                        c32 = b2.fma(s, c32);
                    }
                    int r0 = cOff + i * n + j;
                    int r1 = r0 + n;
                    int r2 = r1 + n;
                    int r3 = r2 + n;
                    c00.intoArray(c, r0);
                    c01.intoArray(c, r0 + vl);
                    c02.intoArray(c, r0 + 2 * vl);
                    c10.intoArray(c, r1);
                    c11.intoArray(c, r1 + vl);
                    c12.intoArray(c, r1 + 2 * vl);
                    c20.intoArray(c, r2);
                    c21.intoArray(c, r2 + vl);
                    c22.intoArray(c, r2 + 2 * vl);
                    c30.intoArray(c, r3);
                    c31.intoArray(c, r3 + vl);
                    c32.intoArray(c, r3 + 2 * vl);
                }
            }
            for (; j < n; j += vl) {
                for (int i = 0; i < mr; i += 4) {
                    int a0 = aOff + i * k;
                    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
                    FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
                    for (int p = 0, bp = bOff + j; p < k; p++, bp += n) {
                        FloatVector b0 = FloatVector.fromArray(S, b, bp);
                        c0 = b0.fma(FloatVector.broadcast(S, a[a0 + p]), c0);
                        c1 = b0.fma(FloatVector.broadcast(S, a[a0 + k + p]), c1);
                        c2 = b0.fma(FloatVector.broadcast(S, a[a0 + 2 * k + p]), c2);
                        c3 = b0.fma(FloatVector.broadcast(S, a[a0 + 3 * k + p]), c3);
                    }
                    int r0 = cOff + i * n + j;
                    c0.intoArray(c, r0);
                    c1.intoArray(c, r0 + n);
                    c2.intoArray(c, r0 + 2 * n);
                    c3.intoArray(c, r0 + 3 * n);
                }
            }
        }
    }
}
