package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.OutputDirectory;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.Plots;
import org.sde4j.cli.output.ProgressBar;
import org.sde4j.cli.output.Table;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.OrderEstimate;
import org.sde4j.error.StrongNorm;
import org.sde4j.error.Studies;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j tour}: every library problem with every scheme that supports it, in two tables — the
 * Monte Carlo mean against the exact mean; then the strong error at four step sizes, against the exact
 * solution on the same path or (for problems without one) a reference solution on it, with the fitted
 * order and its 95 % interval beside the declared order. {@code --plots DIR} also writes one log-log
 * plot per problem. The first thing to run; {@code --quick} makes it a few seconds long.
 */
@Command(name = "tour", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every problem with every scheme that supports it: means against exact means, strong"
                + " errors and observed orders against declared ones, in one table.")
public final class TourCommand implements Callable<Integer> {
    /** The strong-error study's step counts: Δt = T/32 … T/256. */
    static final int[] STUDY_STEPS = {32, 64, 128, 256};
    /** Reference steps per finest step, for problems without an exact solution. */
    static final int REFINEMENT = 8;
    /** The fewest paths of a strong-error study: its bootstrap interval needs 20. */
    static final long MIN_STUDY_PATHS = 20;
    /** |dev/se| beyond which a row is flagged: a bias that the Monte Carlo noise does not explain. */
    static final double FLAG_DEVIATION = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--paths", paramLabel = "P",
            description = "Paths per ensemble (default: 20000; 2000 with --quick).")
    private Long paths;

    @Option(names = "--strong-paths", paramLabel = "P",
            description = "Paths per strong-error study (default: 1000; 300 with --quick).")
    private Long strongPaths;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "256",
            description = "Steps per ensemble path (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--quick", description = "A smaller tour (2000 paths, 300 strong-error paths), for a first look and tests.")
    private boolean quick;

    @Option(names = "--plots", paramLabel = "DIR", converter = OutputDirectory.Converter.class,
            description = "Also write one log-log convergence plot (PNG) per problem into DIR.")
    private OutputDirectory plots;

    /** One (problem, scheme) pair of the tour. */
    private record Pair(PreparedProblem prepared, Scheme scheme) {
    }

    @Override
    public Integer call() {
        long ensemblePaths = paths != null ? paths : quick ? 2000L : 20_000L;
        if (ensemblePaths < 2) {
            throw new IllegalArgumentException("--paths = " + ensemblePaths + ": the standard error needs at least 2"
                    + " paths");
        }
        long studyPaths = strongPaths != null ? strongPaths : quick ? 300L : 1000L;
        if (studyPaths < MIN_STUDY_PATHS) {
            throw new IllegalArgumentException("--strong-paths = " + studyPaths + ": the 95 % interval of the fitted"
                    + " order resamples the paths and needs at least " + MIN_STUDY_PATHS);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps = " + steps + ": must be at least 1");
        }
        int threadCount = threads.orElse(Runtime.getRuntime().availableProcessors());

        List<Pair> pairs = supportedPairs();
        PrintWriter out = spec.commandLine().getOut();
        out.println("sde4j tour: " + Problems.all().size() + " problems × " + Schemes.all().size() + " schemes, "
                + pairs.size() + " supported pairs; " + ensemblePaths + " paths × " + steps + " steps per ensemble, "
                + studyPaths + " paths per strong-error study, seed " + seed + ", " + threadCount + " threads");
        out.println();
        out.flush();

        Table table = new Table("problem", "scheme", ">mean ± se", ">exact mean", ">dev/se  ", ">seconds");
        Table convergence = new Table("problem", "scheme", "against", ">error at T/32", ">error at T/256",
                ">fitted order [95 %]", ">declared", "fit", ">seconds");
        Map<String, List<ConvergenceResult>> byProblem = new LinkedHashMap<>();
        boolean anyConverted = false;
        try (ProgressBar bar = ProgressBar.onTerminal("tour", pairs.size(), spec.commandLine().getErr())) {
            for (Pair pair : pairs) {
                table.row(row(pair, ensemblePaths, threadCount));
                if (pair.scheme().drivingNoise() == null) {
                    ConvergenceResult r = study(pair, studyPaths, threadCount);
                    convergence.row(convergenceRow(pair, r));
                    byProblem.computeIfAbsent(pair.prepared().source().name(), k -> new ArrayList<>()).add(r);
                } else {
                    convergence.row(weakSchemeRow(pair));
                }
                anyConverted |= pair.prepared().converted();
                bar.step();
            }
        }
        out.print(table.render());
        out.println();
        out.println("Strong convergence: E|X_N − X(T)| at Δt = T/32, T/64, T/128, T/256 on the same Brownian paths ("
                + studyPaths + " per study)");
        out.println();
        out.print(convergence.render());
        out.println();
        if (anyConverted) {
            out.println("* solved in Stratonovich form of the same process (the library's problems are Itô; the"
                    + " drift is corrected, the exact solution is unchanged).");
        }
        out.println("mean ± se: mean of X(t1) ± one standard error; dev/se = (mean − exact mean)/se, mostly within ±2"
                + " when the scheme's bias is small; '!' marks |dev/se| > " + (int) FLAG_DEVIATION + ": the scheme's"
                + " weak error at " + steps + " steps exceeds the Monte Carlo noise.");
        out.println("against: the exact solution on the same path, or a reference (scheme × " + REFINEMENT + " finer"
                + " steps) on it. fitted order: least-squares slope of log error against log Δt, with its 95 %"
                + " bootstrap interval over paths; fit: 'yes' when the interval contains the declared order, 'near'"
                + " when the slope is within 0.1 of it, 'above' when the whole interval lies above it (the declared"
                + " order is what the scheme guarantees; on special problems — a linear drift, very small noise — the"
                + " leading error terms vanish and it converges faster, or Δt is still outside the asymptotic"
                + " range), 'NO' when it lies below.");
        out.println();
        TourModels.print(out, Math.min(ensemblePaths, TourModels.MAX_PATHS), seed, threadCount);
        out.println();
        TourAdaptive.print(out, ensemblePaths, seed, threadCount);
        out.println("What next:");
        out.println("  bin/sde4j list                 the problems and schemes, with their declared orders");
        out.println("  bin/sde4j solve --problem gbm --scheme milstein --steps 1000 --paths 100000 --seed 42 --json");
        out.println("  bin/sde4j solve --help         every option of solve");
        out.println("  bin/sde4j solve --model gbm --jumps merton:lambda=1,mu=-0.1,delta=0.15   a model against its price");
        out.println("  bin/sde4j solve --problem gbm --scheme sriw1 --adaptive --atol 1e-3 --rtol 1e-3   adaptive steps");
        out.println("  bin/sde4j convergence --problem gbm --scheme milstein --plot gbm.png   one order, with a plot");
        if (plots == null) {
            out.println("  bin/sde4j tour --plots DIR     this tour, with one convergence plot per problem");
        }
        out.flush();
        if (plots != null) {
            writePlots(byProblem, out);
        }
        return 0;
    }

    /** The deviation in standard errors, flagged with '!' beyond {@value #FLAG_DEVIATION}. */
    private static String deviation(double z) {
        return Format.signed(z) + (Math.abs(z) > FLAG_DEVIATION ? " !" : "  ");
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

    private String[] row(Pair pair, long ensemblePaths, int threadCount) {
        long start = System.nanoTime();
        PreparedProblem prepared = pair.prepared();
        Scheme scheme = pair.scheme();
        TestProblem problem = prepared.source();
        EnsembleResult r = Ensemble.of(prepared.problem(), scheme).steps(steps).paths(ensemblePaths).seed(seed)
                .threads(threadCount).run();
        double[] mean = r.mean();
        double[] se = r.standardError();
        Optional<double[]> exactMean = problem.exactMean(prepared.problem().t1());
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new String[] {
            problem.name(),
            scheme.name() + (prepared.converted() ? " *" : ""),
            Format.vector(mean, Format::g6) + " ± " + Format.vector(se, Format::g2),
            exactMean.map(m -> Format.vector(m, Format::g6)).orElse("—"),
            exactMean.map(m -> deviation(Format.deviation(mean, m, se))).orElse("—"),
            Format.f("%.2f", seconds),
        };
    }

    private ConvergenceResult study(Pair pair, long studyPaths, int threadCount) {
        Studies.Settings settings = new Studies.Settings(STUDY_STEPS, studyPaths, seed, threadCount,
                Studies.Against.AUTO, null, REFINEMENT);
        return Studies.strong(pair.prepared(), pair.scheme(), settings, StrongNorm.FINAL).run();
    }

    /** A weak scheme approximates the law, not the path: it has no strong order to fit. */
    private static String[] weakSchemeRow(Pair pair) {
        return new String[] {
            pair.prepared().source().name(),
            pair.scheme().name() + (pair.prepared().converted() ? " *" : ""),
            "—", "—", "—", "weak scheme: see its mean", "—", "—", "—",
        };
    }

    private static String[] convergenceRow(Pair pair, ConvergenceResult r) {
        OrderEstimate q = r.order();
        double declared = r.theoreticalOrder();
        String fit = q.intervalContains(declared) ? "yes"
                : Math.abs(q.order() - declared) <= 0.1 ? "near"
                : q.low() > declared ? "above" : "NO";
        double[] errors = r.errors();
        String against = r.measure().contains("exact") ? "exact"
                : "reference " + r.measure().replaceAll(".*against a (\\S+) reference.*", "$1");
        return new String[] {
            pair.prepared().source().name(),
            pair.scheme().name() + (pair.prepared().converted() ? " *" : ""),
            against,
            Format.f("%.3e", errors[0]),
            Format.f("%.3e", errors[errors.length - 1]),
            interval(q),
            Format.compact(declared),
            fit,
            Format.f("%.2f", r.seconds()),
        };
    }

    /**
     * "order [low, high]" with three decimals, or as many more (up to six) as a narrower interval needs to show
     * its width: a path-independent error (additive noise) gives intervals far narrower than 0.001.
     */
    static String interval(OrderEstimate q) {
        double width = q.high() - q.low();
        int digits = width > 0 && Double.isFinite(width) ? (int) Math.min(6, Math.max(3, Math.ceil(-Math.log10(width)) + 1)) : 3;
        String f = "%." + digits + "f";
        return Format.f(f + " [" + f + ", " + f + "]", q.order(), q.low(), q.high());
    }

    private void writePlots(Map<String, List<ConvergenceResult>> byProblem, PrintWriter out) {
        for (Map.Entry<String, List<ConvergenceResult>> e : byProblem.entrySet()) {
            List<String> labels = e.getValue().stream().map(ConvergenceResult::scheme).toList();
            Path file = plots.resolve("tour-" + e.getKey() + ".png");
            try {
                Plots.convergence("strong error on " + e.getKey(), labels, e.getValue(), file);
            } catch (IOException ex) {
                throw new OutputFailure(file, ex);
            }
        }
        out.println("Plots: " + byProblem.size() + " PNG files in " + plots + " (tour-PROBLEM.png)");
        out.flush();
    }
}
