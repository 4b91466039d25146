package org.sde4j.cli.command;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.sde4j.cli.spark.SparkRuns;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.ProgressBar;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.models.ModelCatalog;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.TimeGrid;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j solve}: one Monte Carlo ensemble of a library problem with one scheme; prints the mean,
 * standard deviation and standard error of {@code X(t1)} against the exact mean, as a readable summary
 * or ({@code --json}) as one JSON object on one line:
 *
 * <pre>{"problem":…,"scheme":…,"steps":…,"paths":…,"seed":…,"t1":…,"mean":…,"std":…,"stderr":…,"exactMean":…,"threads":…,"seconds":…}</pre>
 *
 * <p>{@code exactMean} appears only when the problem knows it; the vectors are numbers for d = 1 and
 * arrays otherwise; {@code threads} is the number of worker threads (default: every processor) and
 * {@code seconds} the solve's wall time (the ensemble run, without the JVM's start). A scheme of the other calculus solves
 * the problem's process converted to its calculus ({@link PreparedProblem}).
 *
 * <p>With {@code --model SPEC} (instead of {@code --problem}; optionally {@code --jumps SPEC}, {@code --barrier SPEC})
 * it runs a model of {@link ModelCatalog} — a jump diffusion, Heston or Bates, CIR, a Lévy model or a barrier option
 * — and prints the Monte Carlo estimate against the model's closed-form, series or Fourier reference
 * ({@link ModelRun}); with {@code --json}, as one object
 * {@code {"model":…,"spec":…,["jumps":…,]["barrier":…,]"description":…,"quantity":…,"paths":…,"seed":…,"estimate":…,
 * "stderr":…,"reference":…,"referenceError":…,"referenceSource":…,"deviation":…,"covered99":…,"threads":…,
 * "seconds":…}}.
 *
 * <p>With {@code --adaptive} (and {@code --atol}, {@code --rtol}) every path steps on its own error estimate
 * ({@link AdaptiveEnsemble}); the JSON then has {@code "atol"}, {@code "rtol"} and, for {@code "steps"}, the step
 * counts {@code {"accepted":{"mean":…,"max":…},"rejected":{"mean":…,"max":…},"smallestStep":…}}.
 *
 * <p>With {@code --spark MASTER} the ensemble, or the model's job (its recipe is the specification text), runs on
 * Apache Spark ({@link SparkRuns}) and gives the same numbers; the JSON then ends with {@code "partitions"}, the
 * number of Spark tasks, and {@code threads} is the
 * number of threads each task uses (default 1).
 */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve one problem with one scheme over many paths and compare the mean with the exact mean.",
        footer = {"", "Examples:", "  sde4j solve --problem gbm --scheme milstein --steps 1000 --paths 100000 \\",
            "      --seed 42 --json",
            "  sde4j solve --problem gbm --scheme sriw1 --adaptive --atol 1e-3 --rtol 1e-3",
            "  sde4j solve --model gbm --jumps merton:lambda=1,mu=-0.1,delta=0.15 --paths 100000",
            "  sde4j solve --model heston:scheme=qe-m --steps 40 --json",
            "  sde4j solve --model gbm:sigma=0.3 --barrier down-and-out:level=90,monitoring=naive --steps 64"})
public final class SolveCommand implements Callable<Integer> {
    static final int DEFAULT_STEPS = 1000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", paramLabel = "NAME", completionCandidates = Names.ProblemNames.class,
            description = "The problem: ${COMPLETION-CANDIDATES} (see 'sde4j list').")
    private String problemName;

    @Option(names = "--model", paramLabel = "SPEC",
            description = "Instead of --problem, a model with a reference price, name[:key=value,...]: gbm, merton,"
                    + " kou, heston, bates, cir, vg, nig, down-and-out, up-and-out (e.g. merton:lambda=1,mu=-0.1,"
                    + "delta=0.15; heston:rho=-0.7,scheme=full-truncation). Keys and defaults: docs/jumps-and-barriers.md.")
    private String model;

    @Option(names = "--jumps", paramLabel = "SPEC",
            description = "With --model gbm or heston: merton:lambda=L,mu=M,delta=D or kou:lambda=L,p=P,eta1=E1,eta2=E2"
                    + " (Merton, Kou, Bates).")
    private String jumps;

    @Option(names = "--barrier", paramLabel = "SPEC",
            description = "With --model gbm: down-and-out:level=H or up-and-out:level=H, and monitoring=bridge (default)"
                    + " or naive.")
    private String barrier;

    @Option(names = "--scheme", paramLabel = "NAME", defaultValue = "euler-maruyama",
            completionCandidates = Names.SchemeNames.class,
            description = "The scheme: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String schemeName;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Grid grid;

    @Option(names = "--paths", paramLabel = "P", defaultValue = "100000",
            description = "Number of paths (default: ${DEFAULT-VALUE}).")
    private long paths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Root seed; the same seed gives the same result for any --threads (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--json", description = "Print one JSON object on one line instead of the summary.")
    private boolean json;

    @Mixin
    private SparkOptions spark;

    @Mixin
    private AdaptiveOptions adaptive;

    /** {@code --steps} or {@code --dt}, not both. */
    static final class Grid {
        @Option(names = "--steps", paramLabel = "N", description = "Uniform steps over the time span (default: "
                + DEFAULT_STEPS + ").")
        Integer steps;

        @Option(names = "--dt", paramLabel = "H",
                description = "Step size instead of --steps; the last step is shorter when H does not divide the span.")
        Double dt;
    }

    @Override
    public Integer call() {
        if (model != null || jumps != null || barrier != null) {
            return solveModel();
        }
        if (problemName == null) {
            throw new IllegalArgumentException("--problem: missing; give --problem NAME (a library SDE, see 'sde4j"
                    + " list') or --model SPEC (a model with a reference price)");
        }
        TestProblem problem = Problems.byName(problemName);
        Scheme scheme = Schemes.byName(schemeName);
        PreparedProblem prepared = PreparedProblem.of(problem, scheme);
        SdeProblem p = prepared.problem();
        // Spark runs a task per core: one thread per task unless --threads says otherwise.
        int threadCount = threads.orElse(spark.on() ? 1 : Runtime.getRuntime().availableProcessors());
        if (paths < 2) {
            throw new IllegalArgumentException("--paths = " + paths + ": the standard error needs at least 2 paths");
        }
        spark.check();
        adaptive.check();
        if (adaptive.on()) {
            return solveAdaptive(problem, scheme, prepared, threadCount);
        }

        TimeGrid timeGrid;
        int steps = grid != null && grid.steps != null ? grid.steps : DEFAULT_STEPS;
        Double dt = grid != null ? grid.dt : null;
        if (dt != null) {
            timeGrid = TimeGrid.withStepSize(p.t0(), p.t1(), dt);
        } else {
            timeGrid = TimeGrid.uniform(p.t0(), p.t1(), steps);
        }
        SparkRuns.EnsembleRecipe recipe = new SparkRuns.EnsembleRecipe(problemName, schemeName, steps, dt, paths, seed);
        Ensemble ensemble = recipe.create().threads(threadCount);

        EnsembleResult result;
        Integer sparkPartitions = null;
        if (spark.on()) {
            spark.checkChunks(ensemble.chunkCount(), 256);
            SparkRuns.Ran<EnsembleResult> run = recipe.spark(spark.master(), spark.partitions(), threadCount);
            result = run.result();
            sparkPartitions = run.partitions();
        } else if (ProgressBar.isTerminal()) {
            try (ProgressBar bar = new ProgressBar("solve", paths, spec.commandLine().getErr(), true)) {
                result = ensemble.progress(bar::stepTo).run();
            }
        } else {
            result = ensemble.run();
        }
        Optional<double[]> exactMean = problem.exactMean(p.t1());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(problem, scheme, o -> o.put("steps", timeGrid.steps()), p.t1(), result, exactMean,
                    threadCount, sparkPartitions));
        } else {
            summary(out, prepared, grid(timeGrid, p), null, scheme, threadCount, result, exactMean);
            if (sparkPartitions != null) {
                out.println("spark     " + spark.master() + ", " + sparkPartitions + " partitions");
            }
        }
        out.flush();
        return 0;
    }

    /** {@code --model} (with {@code --jumps}, {@code --barrier}): the model's estimate against its reference. */
    private Integer solveModel() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (model == null) {
            throw new IllegalArgumentException((jumps != null ? "--jumps" : "--barrier") + ": needs --model (gbm or"
                    + " heston for --jumps, gbm for --barrier)");
        }
        if (problemName != null) {
            throw new IllegalArgumentException("--model = '" + model + "': give --problem or --model, not both");
        }
        for (String other : new String[] {"--scheme", "--dt"}) {
            if (parsed.hasMatchedOption(other)) {
                throw new IllegalArgumentException(other + ": not with --model; give the scheme and the steps as keys"
                        + " of the model (scheme=euler|milstein for gbm, merton, kou; scheme=qe-m|qe|full-truncation"
                        + " for heston, bates; steps=N), or --steps N");
            }
        }
        adaptive.check();
        if (adaptive.on()) {
            throw new IllegalArgumentException("--adaptive: runs library problems (--problem) only, not --model");
        }
        if (paths < 2) {
            throw new IllegalArgumentException("--paths = " + paths + ": the standard error needs at least 2 paths");
        }
        spark.check();
        String text = model;
        if (grid != null && grid.steps != null) {
            if (model.matches("(?i).*[:,]\\s*steps\\s*=.*")) {
                throw new IllegalArgumentException("--steps = " + grid.steps + ": the steps are already in --model = '"
                        + model + "'; give them once");
            }
            text = model + (model.contains(":") ? "," : ":") + "steps=" + grid.steps;
        }
        ModelCatalog.ModelCase c = ModelCatalog.of(text, jumps, barrier);
        int threadCount = threads.orElse(spark.on() ? 1 : Runtime.getRuntime().availableProcessors());
        ModelRun run;
        Integer sparkPartitions = null;
        if (spark.on()) {
            SparkRuns.ModelRecipe recipe = new SparkRuns.ModelRecipe(text, jumps, barrier, paths, seed);
            spark.checkChunks(recipe.create().chunkCount(), PathAverageJob.CHUNK);
            SparkRuns.Ran<PathAverages> ran = recipe.spark(spark.master(), spark.partitions(), threadCount);
            run = new ModelRun(c, ran.result());
            sparkPartitions = ran.partitions();
        } else {
            run = ModelRun.of(c, paths, seed, threadCount);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(run.json(text, jumps, barrier, seed, threadCount, sparkPartitions));
        } else {
            run.summary(out, "--model " + text + (jumps != null ? " --jumps " + jumps : "")
                    + (barrier != null ? " --barrier " + barrier : ""), seed, threadCount);
            if (sparkPartitions != null) {
                out.println("spark     " + spark.master() + ", " + sparkPartitions + " partitions");
            }
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --adaptive}: the adaptive ensemble ({@link AdaptiveEnsemble}, the block-adaptive engine for tableau
     * schemes), reported as the uniform one plus its tolerances and step counts.
     */
    private int solveAdaptive(TestProblem problem, Scheme scheme, PreparedProblem prepared, int threadCount) {
        if (grid != null) {
            throw new IllegalArgumentException("--adaptive chooses the steps by --atol/--rtol: give it without "
                    + (grid.steps != null ? "--steps" : "--dt"));
        }
        if (spark.on()) {
            throw new IllegalArgumentException("--adaptive runs on this machine's threads: give it without --spark");
        }
        SdeProblem p = prepared.problem();
        if (!adaptive.driftControl()) {
            AdaptiveOptions.requireStrongOrderOne(scheme, p.sde(), true);
        }
        AdaptiveEnsemble ensemble = AdaptiveEnsemble.of(p, scheme).tolerances(adaptive.atol(), adaptive.rtol())
                .driftErrorControl(adaptive.driftControl());
        AdaptiveEnsembleResult run = ensemble.stepControl(ensemble.stepControl().withMaxSteps(adaptive.maxSteps()))
                .paths(paths).seed(seed).threads(threadCount).run();
        EnsembleResult result = run.statistics();
        Optional<double[]> exactMean = problem.exactMean(p.t1());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(problem, scheme, o -> o.put("atol", adaptive.atol()).put("rtol", adaptive.rtol())
                    .put("driftControl", adaptive.driftControl()).put("steps", AdaptiveOptions.stepsJson(run.steps())),
                    p.t1(), result, exactMean, threadCount, null));
        } else {
            summary(out, prepared, "adaptive" + (adaptive.driftControl() ? " on the drift's error alone" : "") + ", "
                    + adaptive.tolerances() + ", on [" + p.t0() + ", " + p.t1() + "]",
                    AdaptiveOptions.stepsLine(run.steps()), scheme, threadCount, result, exactMean);
        }
        out.flush();
        return 0;
    }

    private String json(TestProblem problem, Scheme scheme, Consumer<Json.ObjectBuilder> steps, double t1,
            EnsembleResult r, Optional<double[]> exactMean, int threads, Integer sparkPartitions) {
        Json.ObjectBuilder o = Json.object()
                .put("problem", problem.name())
                .put("scheme", scheme.name());
        steps.accept(o);
        o.put("paths", r.paths())
                .put("seed", seed)
                .put("t1", t1)
                .putVector("mean", r.mean())
                .putVector("std", r.standardDeviation())
                .putVector("stderr", r.standardError());
        exactMean.ifPresent(m -> o.putVector("exactMean", m));
        o.put("threads", threads).put("seconds", r.seconds());
        if (sparkPartitions != null) {
            o.put("partitions", sparkPartitions);
        }
        return o.build();
    }

    /** The grid line of the summary: {@code N steps (dt = …) on [t0, t1]}. */
    private static String grid(TimeGrid timeGrid, SdeProblem p) {
        int n = timeGrid.steps();
        boolean uniform = Math.abs(timeGrid.stepSize(0) - timeGrid.stepSize(n - 1)) <= 1e-9 * timeGrid.stepSize(0);
        String dt = uniform
                ? "dt = " + Format.compact(timeGrid.stepSize(0))
                : "dt = " + Format.compact(timeGrid.stepSize(0)) + ", last step " + Format.compact(timeGrid.stepSize(n - 1));
        return n + " steps (" + dt + ") on [" + p.t0() + ", " + p.t1() + "]";
    }

    /** @param steps the line of step counts (adaptive), or null */
    private void summary(PrintWriter out, PreparedProblem prepared, String grid, String steps, Scheme scheme,
            int threadCount, EnsembleResult r, Optional<double[]> exactMean) {
        SdeProblem p = prepared.problem();
        double[] mean = r.mean();
        double[] se = r.standardError();
        out.println("problem   " + prepared.source().name() + ": " + prepared.source().description());
        out.println("scheme    " + scheme.name() + " (" + scheme.calculus().displayName() + "): " + scheme.description());
        if (prepared.converted()) {
            out.println("          " + prepared.conversionNote()
                    + " (the library problem is " + prepared.source().problem().sde().calculus().displayName() + ")");
        }
        out.println("grid      " + grid);
        if (steps != null) {
            out.println("steps     " + steps);
        }
        out.println("paths     " + r.paths() + " (seed " + seed + ", " + threadCount + " threads)");
        out.println("mean      " + Format.vector(mean, Format::g6) + " ± " + Format.vector(se, Format::g2)
                + "   (X at t = " + p.t1() + ", ± one standard error)");
        if (exactMean.isPresent()) {
            double dev = Format.deviation(mean, exactMean.get(), se);
            out.println("exact     " + Format.vector(exactMean.get(), Format::g6) + "   deviation "
                    + Format.signed(dev) + " standard errors" + (Math.abs(dev) > 4 ? " (more than 4: a bias"
                    + " of the scheme at this step size, or too few paths)" : ""));
        } else {
            out.println("exact     the exact mean of this problem is not known");
        }
        out.println("std       " + Format.vector(r.standardDeviation(), Format::g6));
        out.println("time      " + Format.seconds(r.seconds()) + "   ("
                + Format.f("%.0f", r.paths() / r.seconds()) + " paths/s)");
    }
}
