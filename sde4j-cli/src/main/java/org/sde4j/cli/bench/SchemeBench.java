package org.sde4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.error.StrongError;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * {@code sde4j bench --schemes}: the cost per step of every scheme that solves {@code gbm}, relative to
 * Euler–Maruyama in the same run, next to what its declared drift/diffusion evaluation count predicts;
 * and work–precision: the strong error each reaches at its finest step size, per CPU second. Every scheme
 * runs on the path engine ({@link Ensemble#perPathStreams()}), so the ratios compare steps, not engines;
 * the block engine's costs are in the suite's scheme section ({@link BenchSuite}).
 */
final class SchemeBench {
    private final long paths;
    private final int steps;
    private final long seed;

    SchemeBench(long paths, int steps, long seed) {
        this.paths = paths;
        this.steps = steps;
        this.seed = seed;
    }

    void run(PrintWriter out, int repeats, boolean markdown) {
        TestProblem gbm = Problems.gbm();
        List<PreparedRun> runs = new ArrayList<>();
        for (Scheme s : Schemes.all()) {
            PreparedProblem prepared;
            try {
                prepared = PreparedProblem.of(gbm, s);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Schemes.supports(s, prepared.sde()) && s.drivingNoise() == null) {
                runs.add(new PreparedRun(s, prepared));
            }
        }
        double[][] seconds = new double[runs.size()][repeats];
        for (PreparedRun r : runs) {
            time(r, Math.max(1, paths / 10)); // warm-up
        }
        for (int k = 0; k < repeats; k++) {
            for (int i = 0; i < runs.size(); i++) {
                seconds[i][k] = time(runs.get(i), paths);
            }
        }
        double emSeconds = median(seconds[0]);
        int emEvaluations = evaluations(runs.get(0).scheme());
        Table t = new Table("scheme", ">f + g per step", ">predicted / EM", ">measured / EM", ">measured / predicted",
                ">strong error at T/256", ">CPU s", ">error × CPU s");
        for (int i = 0; i < runs.size(); i++) {
            Scheme s = runs.get(i).scheme();
            double measured = median(seconds[i]) / emSeconds;
            double predicted = (double) evaluations(s) / emEvaluations;
            StrongErrorPoint p = workPrecision(runs.get(i));
            t.row(s.name(), Integer.toString(evaluations(s)), Format.f("%.2f", predicted), Format.f("%.2f", measured),
                    Format.f("%.2f", measured / predicted), Format.f("%.3e", p.error), Format.f("%.3f", p.cpuSeconds),
                    Format.f("%.2e", p.error * p.cpuSeconds));
        }
        String header = Format.f("Cost per step on gbm (%d paths × %d steps, 1 thread, median of %d) and work–precision"
                + " (strong error at T/256 over 1000 paths, against the exact solution)", paths, steps, repeats);
        BenchCommand.printTable(out, header, t, markdown);
        out.flush();
    }

    private record PreparedRun(Scheme scheme, PreparedProblem prepared) {
    }

    private record StrongErrorPoint(double error, double cpuSeconds) {
    }

    private double time(PreparedRun r, long count) {
        long start = System.nanoTime();
        // the path engine for every scheme, so the ratios compare the schemes' steps, not two engines
        Ensemble.of(r.prepared().problem(), r.scheme()).steps(steps).paths(count).seed(seed).threads(1).perPathStreams()
                .run();
        return (System.nanoTime() - start) * 1e-9;
    }

    private StrongErrorPoint workPrecision(PreparedRun r) {
        var result = StrongError.of(r.prepared().problem(), r.scheme())
                .exact(r.prepared().source().solution().orElseThrow())
                .steps(32, 64, 128, 256).paths(1000).seed(seed).threads(1).bootstrapResamples(0).run();
        double[] errors = result.errors();
        double[] cpu = result.cpuSeconds();
        return new StrongErrorPoint(errors[errors.length - 1], cpu[cpu.length - 1]);
    }

    private static int evaluations(Scheme s) {
        return s.driftEvaluationsPerStep() + s.diffusionEvaluationsPerStep();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
