package org.sde4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.brownian.LevyAreaSampler;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.random.RandomStreams;

/**
 * {@code sde4j bench --brownian}: the cost of Brownian sources, side by side in one run.
 *
 * <ol>
 * <li>Increments on a uniform grid of N steps over [0, 1], P paths, fetched in tiles of 32 as the
 *     solver does: plain streaming increments, then a virtual Brownian tree at {@code tol = h/2}
 *     (without and with space-time Lévy area). Goal: tree ≤ 10× plain.</li>
 * <li>Lévy areas for m noises at h = 2^-8, at the accuracy {@code ε = h^{3/2}} a strong order-1
 *     scheme needs: KPW and Wiktorsson with the terms {@link LevyAreaMethod#terms} gives each.</li>
 * </ol>
 *
 * <p>Each workload runs {@code repeats} times in rotation after a warm-up; medians are reported.
 */
final class BrownianBench {
    private static final int TILE = 32;

    private final long paths;
    private final int steps;
    private final long seed;

    BrownianBench(long paths, int steps, long seed) {
        this.paths = paths;
        this.steps = steps;
        this.seed = seed;
    }

    /**
     * The three sources of {@link #run}, timed side by side: median seconds of the plain streaming source,
     * the virtual tree and the virtual tree with Lévy area, for {@code paths × steps} increments each.
     */
    double[] sourceSeconds(int repeats) {
        double h = 1.0 / steps;
        Map<String, DoubleSupplier> sources = new LinkedHashMap<>();
        sources.put("plain", () -> drive(p -> new StreamingBrownianIncrements(RandomStreams.gaussian(seed, p), 1)));
        sources.put("tree", () -> drive(p -> VirtualBrownianTree.of(0, 1, h / 2, 1, seed + p)));
        sources.put("tree+H", () -> drive(p -> VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, h / 2, 1, seed + p)));
        return time(sources, repeats);
    }

    void run(PrintWriter out, int repeats, boolean markdown) {
        double h = 1.0 / steps;
        Map<String, DoubleSupplier> sources = new LinkedHashMap<>();
        sources.put("streaming increments (plain)", () -> drive(p -> new StreamingBrownianIncrements(
                RandomStreams.gaussian(seed, p), 1)));
        sources.put("virtual tree, tol = h/2", () -> drive(p -> VirtualBrownianTree.of(0, 1, h / 2, 1, seed + p)));
        sources.put("virtual tree + Lévy area, tol = h/2", () -> drive(p -> VirtualBrownianTree.withSpaceTimeLevyArea(
                0, 1, h / 2, 1, seed + p)));
        double[] sourceSeconds = time(sources, repeats);
        double queries = (double) paths * steps;
        Table t = new Table("source", "median s", "ns / increment", "× plain");
        int i = 0;
        for (String name : sources.keySet()) {
            t.row(name, Format.f("%.3f", sourceSeconds[i]), Format.f("%.1f", sourceSeconds[i] / queries * 1e9),
                    Format.f("%.2f", sourceSeconds[i] / sourceSeconds[0]));
            i++;
        }

        double levyH = 1.0 / 256;
        double accuracy = Math.pow(levyH, 1.5);
        int samples = 200_000;
        Map<String, DoubleSupplier> areas = new LinkedHashMap<>();
        List<String[]> areaRows = new ArrayList<>();
        for (int m : new int[] {2, 4}) {
            for (LevyAreaMethod method : LevyAreaMethod.values()) {
                int terms = method.terms(m, levyH, accuracy);
                String name = "m = " + m + ", " + method.label() + ", n = " + terms;
                areas.put(name, () -> levyAreas(m, method, terms, levyH, samples));
                areaRows.add(new String[] {name, Integer.toString(m), method.label(), Integer.toString(terms)});
            }
        }
        double[] areaSeconds = time(areas, repeats);
        Table a = new Table("Lévy area", "median s", "µs / sample", "Wiktorsson speed-up");
        for (int k = 0; k < areaRows.size(); k++) {
            String speedUp = k % 2 == 1 ? Format.f("%.1f×", areaSeconds[k - 1] / areaSeconds[k]) : "—";
            a.row(areaRows.get(k)[0], Format.f("%.3f", areaSeconds[k]), Format.f("%.3f", areaSeconds[k] / samples * 1e6),
                    speedUp);
        }
        String header = Format.f("Brownian sources: %d paths × %d steps on [0, 1]; Lévy areas: %d samples at h = 1/256,"
                + " ε = h^1.5; median of %d runs (%s, %d processors)", paths, steps, samples, repeats,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        String ratio = Format.f("virtual tree (tol = h/2) vs plain increments: %.1f× (goal ≤ 10×); with Lévy area: %.1f×",
                sourceSeconds[1] / sourceSeconds[0], sourceSeconds[2] / sourceSeconds[0]);
        if (markdown) {
            out.println("**" + header + "**");
            out.println();
            out.print(BenchCommand.markdownTable(t));
            out.println();
            out.print(BenchCommand.markdownTable(a));
            out.println();
            out.println("- " + ratio);
        } else {
            out.println(header);
            out.println();
            out.print(t.render());
            out.println();
            out.print(a.render());
            out.println();
            out.println(ratio);
        }
        out.flush();
    }

    private interface SourceMaker {
        BrownianSource make(long path);
    }

    /** Fetches every path's increments in tiles, as PathSolver does; returns a checksum. */
    private double drive(SourceMaker maker) {
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            times[k] = (double) k / steps;
        }
        double[] buffer = new double[TILE];
        double sum = 0;
        for (long p = 0; p < paths; p++) {
            BrownianSource w = maker.make(p);
            for (int start = 0; start < steps; start += TILE) {
                int count = Math.min(TILE, steps - start);
                w.increments(times, start, count, buffer);
                sum += buffer[count - 1];
            }
        }
        return sum;
    }

    private double levyAreas(int m, LevyAreaMethod method, int terms, double h, int samples) {
        LevyAreaSampler sampler = new LevyAreaSampler(m, method, terms);
        ContinuousSampler normal = RandomStreams.gaussian(seed, 7);
        double[] dw = new double[m];
        double[] ii = new double[m * m];
        double sqrtH = Math.sqrt(h);
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < m; j++) {
                dw[j] = sqrtH * normal.sample();
            }
            sampler.sample(h, dw, normal, ii);
            sum += ii[1];
        }
        return sum;
    }

    private static double[] time(Map<String, DoubleSupplier> work, int repeats) {
        double sink = 0;
        for (DoubleSupplier w : work.values()) {
            sink += w.getAsDouble();
        }
        double[][] seconds = new double[work.size()][repeats];
        for (int r = 0; r < repeats; r++) {
            int i = 0;
            for (DoubleSupplier w : work.values()) {
                long start = System.nanoTime();
                sink += w.getAsDouble();
                seconds[i++][r] = (System.nanoTime() - start) * 1e-9;
            }
        }
        double[] medians = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            double[] v = seconds[i].clone();
            Arrays.sort(v);
            medians[i] = repeats % 2 == 1 ? v[repeats / 2] : 0.5 * (v[repeats / 2 - 1] + v[repeats / 2]);
        }
        if (sink == 42.4242) {
            System.out.print("");
        }
        return medians;
    }
}
