package org.sde4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.StrongErrorStudy;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Require;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j tour}: every library problem with every scheme that supports it, one table row each —
 * the Monte Carlo mean against the exact mean, and, where the problem has a pathwise exact solution, the
 * strong error at {@code dt = 1/16} and {@code 1/64} with the observed order beside the declared one.
 * The first thing to run; {@code --quick} makes it a few seconds long.
 */
@Command(name = "tour", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every problem with every scheme that supports it: means against exact means, strong"
                + " errors and observed orders against declared ones, in one table.")
final class TourCommand implements Callable<Integer> {
    /** The strong-error study's Brownian grid: 256 steps, solved with 64 and 16 steps. */
    static final int FINE_STEPS = 256;
    static final int[] COARSENING = {4, 16};
    /** |dev/se| beyond which a row is flagged: a bias that the Monte Carlo noise does not explain. */
    static final double FLAG_DEVIATION = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--paths", paramLabel = "P",
            description = "Paths per ensemble (default: 20000; 2000 with --quick).")
    private Long paths;

    @Option(names = "--strong-paths", paramLabel = "P",
            description = "Paths per strong-error study (default: 2000; 500 with --quick).")
    private Long strongPaths;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "256",
            description = "Steps per ensemble path (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    private Integer threads;

    @Option(names = "--quick", description = "A smaller tour (2000 paths, 500 strong-error paths), for a first look and tests.")
    private boolean quick;

    /** One (problem, scheme) pair of the tour. */
    private record Pair(PreparedProblem prepared, Scheme scheme) {
    }

    @Override
    public Integer call() {
        long ensemblePaths = Require.positive("paths", paths != null ? paths : quick ? 2000L : 20_000L);
        long studyPaths = Require.positive("strong-paths", strongPaths != null ? strongPaths : quick ? 500L : 2000L);
        Require.positive("steps", steps);
        int threadCount = Require.positive("threads", threads != null ? threads : Runtime.getRuntime().availableProcessors());

        List<Pair> pairs = supportedPairs();
        PrintWriter out = spec.commandLine().getOut();
        out.println("sde4j tour: " + Problems.all().size() + " problems × " + Schemes.all().size() + " schemes, "
                + pairs.size() + " supported pairs; " + ensemblePaths + " paths × " + steps + " steps per ensemble, "
                + studyPaths + " paths per strong-error study, seed " + seed + ", " + threadCount + " threads");
        out.println();
        out.flush();

        Table table = new Table("problem", "scheme", ">mean ± se", ">exact mean", ">dev/se  ", ">strong err dt=1/16",
                ">strong err dt=1/64", ">observed order", ">declared order", ">seconds");
        boolean anyConverted = false;
        try (ProgressBar bar = ProgressBar.onTerminal("tour", pairs.size(), spec.commandLine().getErr())) {
            for (Pair pair : pairs) {
                table.row(row(pair, ensemblePaths, studyPaths, threadCount));
                anyConverted |= pair.prepared().converted();
                bar.step();
            }
        }
        out.print(table.render());
        out.println();
        if (anyConverted) {
            out.println("* solved in Stratonovich form of the same process (the library's problems are Itô; the"
                    + " drift is corrected, the exact solution is unchanged).");
        }
        out.println("mean ± se: mean of X(t1) ± one standard error; dev/se = (mean − exact mean)/se, mostly within ±2"
                + " when the scheme's bias is small; '!' marks |dev/se| > " + (int) FLAG_DEVIATION + ": the scheme's"
                + " weak error at " + steps + " steps exceeds the Monte Carlo noise.");
        out.println("strong err: E|X_N − X(t1)| on the same Brownian path as the exact solution (" + studyPaths
                + " paths); observed order = log(err(1/16)/err(1/64))/log 4.");
        out.println();
        out.println("What next:");
        out.println("  bin/sde4j list                 the problems and schemes, with their declared orders");
        out.println("  bin/sde4j solve --problem gbm --scheme milstein --steps 1000 --paths 100000 --seed 42 --json");
        out.println("  bin/sde4j solve --help         every option of solve");
        out.flush();
        return 0;
    }

    /** The deviation in standard errors, flagged with '!' beyond {@value #FLAG_DEVIATION}. */
    private static String deviation(double z) {
        return Format.f("%+.2f", z) + (Math.abs(z) > FLAG_DEVIATION ? " !" : "  ");
    }

    /** Every (problem, scheme) pair where the scheme supports the problem, after conversion to its calculus. */
    static List<Pair> supportedPairs() {
        List<Pair> pairs = new ArrayList<>();
        for (TestProblem problem : Problems.all()) {
            for (Scheme scheme : Schemes.all()) {
                PreparedProblem prepared;
                try {
                    prepared = PreparedProblem.of(problem, scheme);
                } catch (IllegalArgumentException e) {
                    continue; // not convertible to the scheme's calculus: unsupported
                }
                if (Schemes.supports(scheme, prepared.sde())) {
                    pairs.add(new Pair(prepared, scheme));
                }
            }
        }
        return pairs;
    }

    private String[] row(Pair pair, long ensemblePaths, long studyPaths, int threadCount) {
        long start = System.nanoTime();
        PreparedProblem prepared = pair.prepared();
        Scheme scheme = pair.scheme();
        TestProblem problem = prepared.source();
        EnsembleResult r = Ensemble.of(prepared.problem(), scheme).steps(steps).paths(ensemblePaths).seed(seed)
                .threads(threadCount).run();
        double[] mean = r.mean();
        double[] se = r.standardError();
        Optional<double[]> exactMean = problem.exactMean(prepared.problem().t1());

        String coarse = "—";
        String fine = "—";
        String observed = "—";
        Optional<PathwiseSolution> exact = problem.solution();
        if (exact.isPresent()) {
            StrongErrorStudy study = StrongErrorStudy.run(prepared.problem(), exact.get(), scheme, FINE_STEPS,
                    COARSENING, studyPaths, seed, threadCount);
            double[] errors = study.errors(); // dt = 1/64, then 1/16
            fine = Format.f("%.3e", errors[0]);
            coarse = Format.f("%.3e", errors[1]);
            double order = Math.log(errors[1] / errors[0]) / Math.log((double) COARSENING[1] / COARSENING[0]);
            observed = Double.isFinite(order) ? Format.f("%.2f", order) : "—";
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new String[] {
            problem.name(),
            scheme.name() + (prepared.converted() ? " *" : ""),
            Format.vector(mean, Format::g6) + " ± " + Format.vector(se, Format::g2),
            exactMean.map(m -> Format.vector(m, Format::g6)).orElse("—"),
            exactMean.map(m -> deviation(Format.deviation(mean, m, se))).orElse("—"),
            coarse,
            fine,
            observed,
            Double.toString(scheme.strongOrder(prepared.sde().noise())),
            Format.f("%.2f", seconds),
        };
    }
}
