package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sde4j.cli.experiment.HighamExperiments;
import org.sde4j.cli.spark.SparkRuns;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.cli.output.Plots;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.ConvergenceStudy;
import org.sde4j.error.StrongNorm;
import org.sde4j.error.Studies;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Require;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j convergence}: the strong or weak error of one scheme on one problem at several step sizes,
 * the fitted order with its 95 % bootstrap interval, and optionally a log-log plot. With {@code --json}
 * one JSON object on one line:
 *
 * <pre>{"problem":…,"scheme":…,"kind":…,"paths":…,"seed":…,"dts":[…],"errors":[…],"stderrs":[…],"order":…,
 * "orderLow":…,"orderHigh":…,"theoreticalOrder":…,"seconds":…,"pairwise":…,"steps":[…],"measure":…,
 * "evaluations":[…],"cpuSeconds":[…]}</pre>
 *
 * <p>{@code evaluations} (drift and diffusion evaluations per path) and {@code cpuSeconds} (per level,
 * summed over threads) are the work of a work–precision diagram.
 *
 * <p>With {@code --spark MASTER} the study runs on Apache Spark ({@link SparkRuns}, one task per range of
 * 64-path chunks) and gives the same numbers, to the last digit; the JSON then ends with {@code "partitions"},
 * the number of Spark tasks.
 *
 * <p>({@code "experiment"} first when {@code --experiment} was given). {@code --experiment} runs one of
 * Higham's (2001) experiments with the paper's settings ({@link HighamExperiments}).
 *
 * <p>With {@code --adaptive} the levels are tolerances instead of step sizes ({@link AdaptiveConvergenceReport}):
 * the adaptive ensemble's strong error at τ = {@code --tolerance}, τ/2, τ/4, …, against the exact solution on each
 * path's own Brownian tree, with the slope of the error against τ and the order against the mean step.
 */
@Command(name = "convergence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure a scheme's strong or weak error at several step sizes and fit its order, with a 95 %%"
                + " confidence interval (bootstrap over paths).",
        footer = {"", "Examples:",
            "  sde4j convergence --problem gbm --scheme euler-maruyama --kind strong --paths 1000 --levels 5 --seed 1 --json",
            "  sde4j convergence --problem gbm --kind weak --functional x^2 --paths 20000 --plot weak.png",
            "  sde4j convergence --experiment milstrong --plot milstrong.png",
            "  sde4j convergence --problem gbm --scheme sriw1 --adaptive --tolerance 1e-2 --levels 5 --json",
            "  sde4j convergence --problem gbm --paths 100000 --json --spark 'local[2]'"})
public final class ConvergenceCommand implements Callable<Integer>, ParameterNames {
    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", paramLabel = "NAME", completionCandidates = Names.ProblemNames.class,
            description = "The problem: ${COMPLETION-CANDIDATES} (default: gbm).")
    private String problemName;

    @Option(names = "--scheme", paramLabel = "NAME", completionCandidates = Names.SchemeNames.class,
            description = "The scheme: ${COMPLETION-CANDIDATES} (default: euler-maruyama).")
    private String schemeName;

    @Option(names = "--kind", paramLabel = "KIND", description = "strong or weak (default: strong).")
    private String kind;

    @Option(names = "--functional", paramLabel = "PHI", defaultValue = "x",
            description = "Weak errors: the test function φ, x or x^2 (first component; default: ${DEFAULT-VALUE}).")
    private String functional;

    @Option(names = "--paths", paramLabel = "P", description = "Paths (default: 1000 strong, 20000 weak).")
    private Long paths;

    @Option(names = "--levels", paramLabel = "L", defaultValue = "5",
            description = "Number of step sizes; Δt halves from each to the next (default: ${DEFAULT-VALUE}).")
    private int levels;

    @Option(names = "--coarsest", paramLabel = "N",
            description = "Steps of the coarsest level (default: 64 strong, 8 weak).")
    private Integer coarsest;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--against", paramLabel = "WHAT", defaultValue = "auto",
            description = "exact, reference, or auto: exact when the problem knows it (default: ${DEFAULT-VALUE}).")
    private String against;

    @Option(names = "--reference", paramLabel = "SCHEME",
            description = "Reference scheme (default: the scheme itself, with --refinement times finer steps on"
                    + " the same path).")
    private String reference;

    @Option(names = "--refinement", paramLabel = "K", defaultValue = "16",
            description = "Reference steps per step of the finest level (default: ${DEFAULT-VALUE}).")
    private int refinement;

    @Option(names = "--norm", paramLabel = "NORM", defaultValue = "final",
            description = "Strong errors: final (at T), l2 (RMS over the coarsest grid's times) or max (default:"
                    + " ${DEFAULT-VALUE}).")
    private String norm;

    @Option(names = "--no-control-variate",
            description = "Weak errors: do not use φ(X(T)) of the exact solution as control variate.")
    private boolean noControlVariate;

    @Option(names = "--two-point", description = "Weak errors: drive the scheme with ±√Δt increments.")
    private boolean twoPoint;

    @Option(names = "--experiment", paramLabel = "NAME",
            description = "One of Higham's (2001) experiments with the paper's settings: emstrong, emweak,"
                    + " emweak-two-point, milstrong.")
    private String experiment;

    @Option(names = "--plot", paramLabel = "FILE.png", converter = OutputFile.Converter.class,
            description = "Also write a log-log plot (PNG).")
    private OutputFile plot;

    @Option(names = "--json", description = "Print one JSON object on one line instead of the report.")
    private boolean json;

    @Mixin
    private SparkOptions spark;

    @Option(names = "--adaptive", description = "Levels of tolerance instead of step size: the adaptive ensemble's"
            + " strong error at --tolerance, halved from each level to the next, against the exact solution on each"
            + " path's own Brownian path; fits the error's slope against the tolerance and its order against the mean"
            + " step.")
    private boolean adaptive;

    @Option(names = "--tolerance", paramLabel = "TAU", description = "With --adaptive: the loosest tolerance, atol ="
            + " rtol (default: 1e-2).")
    private Double tolerance;

    @Override
    public Map<String, String> parameterOptions() {
        return Map.of("referenceRefinement", "--refinement", "refinement", "--refinement", "reference", "--reference",
                "functional", "--functional", "norm", "--norm");
    }

    @Override
    public Integer call() throws IOException {
        if (adaptive || tolerance != null) {
            return AdaptiveConvergenceReport.run(this::adaptiveSettings, spec);
        }
        HighamExperiments preset = experiment == null ? null : HighamExperiments.byName(experiment);
        TestProblem problem = preset != null && problemName == null ? preset.problem()
                : Problems.byName(problemName == null ? "gbm" : problemName);
        Scheme scheme = Schemes.byName(schemeName != null ? schemeName : preset != null ? preset.scheme() : "euler-maruyama");
        String k = kind != null ? kind : preset != null ? preset.kind() : "strong";
        if (!k.equals("strong") && !k.equals("weak")) {
            throw new IllegalArgumentException("--kind = " + org.sde4j.cli.output.Messages.cut(k)
                    + ": must be strong or weak");
        }
        boolean weak = k.equals("weak");
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String strongOnly : List.of("--norm")) {
            if (weak && parsed.hasMatchedOption(strongOnly)) {
                throw new IllegalArgumentException(strongOnly + ": applies to strong errors only; drop it or use --kind"
                        + " strong");
            }
        }
        for (String weakOnly : List.of("--functional", "--no-control-variate", "--two-point")) {
            if (!weak && parsed.hasMatchedOption(weakOnly)) {
                throw new IllegalArgumentException(weakOnly + ": applies to weak errors only; drop it or use --kind"
                        + " weak");
            }
        }
        StrongNorm strongNorm = weak ? StrongNorm.FINAL : normOf(norm);
        Require.positive("levels", levels);
        int[] steps;
        if (preset != null && coarsest == null && levels == 5) {
            steps = preset.steps();
        } else {
            int first = Require.positive("coarsest", coarsest != null ? coarsest : weak ? 8 : 64);
            if (levels < 3) {
                throw new IllegalArgumentException("levels = " + levels + ": an order fit with a confidence interval"
                        + " needs at least 3 step sizes");
            }
            if ((long) first << (levels - 1) > (1 << 24)) {
                throw new IllegalArgumentException("levels = " + levels + ": " + first + " · 2^" + (levels - 1)
                        + " steps is more than 2^24");
            }
            steps = new int[levels];
            for (int l = 0; l < levels; l++) {
                steps[l] = first << l;
            }
        }
        long p = Require.positive("paths", paths != null ? paths : preset != null ? preset.paths() : weak ? 20_000L : 1000L);
        int threadCount = threads.orElse(Runtime.getRuntime().availableProcessors());
        Studies.Against to = switch (against) {
            case "auto" -> Studies.Against.AUTO;
            case "exact" -> Studies.Against.EXACT;
            case "reference" -> Studies.Against.REFERENCE;
            default -> throw new IllegalArgumentException("--against = " + org.sde4j.cli.output.Messages.cut(against)
                    + ": must be auto, exact or reference");
        };
        String referenceName = reference != null ? reference : preset != null ? preset.reference() : null;
        int refine = preset != null && reference == null ? preset.refinement() : refinement;
        Studies.Settings settings = new Studies.Settings(steps, p, seed, threadCount, to, referenceName, refine);
        boolean twoPointNoise = twoPoint || (preset != null && preset.twoPoint());
        spark.check();
        SparkRuns.StudyRecipe recipe = new SparkRuns.StudyRecipe(preset != null && problemName == null ? null
                : problemName == null ? "gbm" : problemName, preset == null ? null : preset.name(), scheme.name(), weak,
                functional, settings, strongNorm, !noControlVariate && preset == null, twoPointNoise);
        PreparedProblem prepared = recipe.prepared();
        ConvergenceStudy<?> study = recipe.create();
        ConvergenceResult r;
        Integer sparkPartitions = null;
        if (spark.on()) {
            spark.checkChunks(study.chunkCount(), 64);
            // Spark runs a task per core: one thread per task unless --threads says otherwise; the driver's
            // bootstrap keeps the study's threads.
            SparkRuns.Ran<ConvergenceResult> run = recipe.spark(spark.master(), spark.partitions(),
                    threads.given() ? threadCount : 1);
            r = run.result();
            sparkPartitions = run.partitions();
        } else {
            r = study.run();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.ObjectBuilder o = Json.object();
            if (preset != null) {
                o.put("experiment", preset.name());
            }
            o.put("problem", problem.name()).put("scheme", scheme.name()).put("kind", k)
                    .put("paths", r.paths()).put("seed", seed).put("dts", r.dts()).put("errors", r.errors())
                    .put("stderrs", r.standardErrors()).put("order", r.order().order()).put("orderLow", r.order().low())
                    .put("orderHigh", r.order().high()).put("theoreticalOrder", r.theoreticalOrder())
                    .put("seconds", r.seconds()).put("pairwise", r.order().pairwise())
                    .put("steps", r.steps())
                    .put("measure", r.measure()).put("evaluations", evaluations(r)).put("cpuSeconds", r.cpuSeconds());
            if (sparkPartitions != null) {
                o.put("partitions", sparkPartitions);
            }
            out.println(o.build());
        } else {
            out.println("problem   " + problem.name() + ": " + problem.description());
            if (preset != null) {
                out.println("experiment Higham (2001) " + preset.name() + "; Higham reports " + preset.higham());
            }
            if (prepared.converted()) {
                out.println("          " + prepared.conversionNote());
            }
            out.print(r.report());
            out.println(Format.f("%.2f s on %d threads", r.seconds(), threadCount)
                    + (sparkPartitions != null ? " (bootstrap; Spark " + spark.master() + ", " + sparkPartitions
                            + " partitions)" : "")
                    + (plot != null ? "; plot to " + plot : ""));
        }
        out.flush();
        if (plot != null) {
            String title = (preset != null ? "Higham " + preset.name() + ": " : "") + k + " error of " + scheme.name()
                    + " on " + problem.name();
            try {
                Plots.convergence(title, List.of(scheme.name()), List.of(r), plot.target());
            } catch (IOException e) {
                throw new OutputFailure(plot, e);
            }
        }
        return 0;
    }

    /**
     * The settings of {@code --adaptive}, after refusing what does not apply to it.
     *
     * @throws IllegalArgumentException naming the option
     */
    private AdaptiveConvergenceReport.Settings adaptiveSettings() {
        if (!adaptive) {
            throw new IllegalArgumentException("--tolerance: applies to --adaptive only; add --adaptive, or use"
                    + " --coarsest for step sizes");
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--coarsest", "--reference", "--refinement", "--norm", "--functional",
                "--no-control-variate", "--two-point", "--experiment", "--spark", "--partitions")) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + ": does not apply to --adaptive (strong errors at the"
                        + " final time against the exact solution, in this JVM); drop it");
            }
        }
        if (kind != null && !kind.equals("strong")) {
            throw new IllegalArgumentException("--kind = " + org.sde4j.cli.output.Messages.cut(kind) + ": --adaptive"
                    + " measures strong errors only; use --kind strong or drop --adaptive");
        }
        if (!against.equals("auto") && !against.equals("exact")) {
            throw new IllegalArgumentException("--against = " + org.sde4j.cli.output.Messages.cut(against)
                    + ": --adaptive compares with the exact solution only; use --against exact");
        }
        double loosest = tolerance != null ? tolerance : 1e-2;
        if (!(loosest > 0) || !Double.isFinite(loosest)) {
            throw new IllegalArgumentException("--tolerance = " + loosest + ": must be a positive finite number (for"
                    + " example 1e-2)");
        }
        if (levels < 3 || levels > 30) {
            throw new IllegalArgumentException("levels = " + levels + ": --adaptive needs 3 to 30 tolerances");
        }
        double[] tolerances = new double[levels];
        for (int l = 0; l < levels; l++) {
            tolerances[l] = Math.scalb(loosest, -l);
        }
        TestProblem problem = Problems.byName(problemName == null ? "gbm" : problemName);
        Scheme scheme = Schemes.byName(schemeName != null ? schemeName : "sriw1");
        AdaptiveOptions.requireStrongOrderOne(scheme, problem.problem().sde(), false);
        long p = Require.positive("paths", paths != null ? paths : 1000L);
        int threadCount = threads.orElse(Runtime.getRuntime().availableProcessors());
        return new AdaptiveConvergenceReport.Settings(problem, scheme, tolerances, p, seed, threadCount, json, plot);
    }

    /** Function evaluations per path at each level (work–precision). */
    private static double[] evaluations(ConvergenceResult r) {
        return java.util.Arrays.stream(r.evaluations()).asDoubleStream().toArray();
    }

    private static StrongNorm normOf(String name) {
        for (StrongNorm n : StrongNorm.values()) {
            if (n.label().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("--norm = " + org.sde4j.cli.output.Messages.cut(name)
                + ": must be final, l2 or max");
    }
}
