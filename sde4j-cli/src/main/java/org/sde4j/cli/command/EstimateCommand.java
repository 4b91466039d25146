package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.MultilevelPlots;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.cli.output.StatusLine;
import org.sde4j.cli.output.Table;
import org.sde4j.multilevel.Coupling;
import org.sde4j.multilevel.Estimates;
import org.sde4j.multilevel.Estimates.Estimate;
import org.sde4j.multilevel.Estimates.Method;
import org.sde4j.multilevel.EstimationProblems;
import org.sde4j.multilevel.LevelEstimate;
import org.sde4j.multilevel.LevelSums;
import org.sde4j.multilevel.Multilevel;
import org.sde4j.multilevel.MultilevelQmc;
import org.sde4j.multilevel.MultilevelResult;
import org.sde4j.multilevel.Payoff;
import org.sde4j.multilevel.RandomisedQmc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j estimate}: {@code E P} to a root-mean-square tolerance ε by plain Monte Carlo, multilevel Monte
 * Carlo (Giles 2008), randomised QMC or multilevel QMC, through {@link Estimates#estimate}. Prints the estimate,
 * its 95 % interval for the exact expectation (statistical ± bias bound), the cost, whether the tolerance was met (and why not), and the level table (for {@code mc}
 * and {@code qmc}: the step and the paths the pilot chose).
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "E[payoff] to a tolerance by mc, mlmc (Giles' multilevel Monte Carlo), qmc or mlqmc; prints the"
                + " estimate, a 95%% interval for the exact expectation E[payoff(X_T)] (statistical half-width plus a"
                + " bound on the bias of the finest step), the cost and the level table.",
        footer = {"", "Examples:",
            "  sde4j estimate --problem gbm --functional european-call:strike=1 --tol 1e-3 --method mlmc",
            "  sde4j estimate --problem gbm --tol 1e-3 --method mc --scheme euler-maruyama --json",
            "  sde4j estimate --problem sinh --functional mean --tol 1e-3 --method qmc --max-seconds 60",
            "gbm is Giles' (2008) GBM: r = 0.05, sigma = 0.2, S0 = 1, T = 1; sinh is dX = X/2 dt + sqrt(1 + X^2) dW,"
                + " X0 = 1, T = 1, with E X_T = e^(1/2); the others are the problem library's (sde4j list problems)."
                + " Functionals: mean, european-call:strike=K, asian-call:strike=K[,geometric=true], lookback-call,"
                + " digital-call:strike=K; each takes discount=D (default 1, undiscounted). Where the exact value is"
                + " known it is printed beside the estimate.",
            "JSON fields: method; estimate; standardError; lower, upper (the 95%% interval for the exact"
                + " expectation, estimate -/+ (statisticalHalfWidth + biasBound)); interval (what lower and upper"
                + " are, in words); statisticalHalfWidth (1.96 or Student t x standardError: the interval for the mean"
                + " at the finest step); biasBound (bound on |bias| of the finest step: pilot |mean Y| + 2 s.e. for"
                + " mc and qmc, Giles' bias estimate for mlmc, the Richardson remainder bound for mlqmc, whose estimate"
                + " is extrapolated on the finest level); steps (finest); paths; cost (steps, pilots included);"
                + " seconds; converged; message; for mlmc alpha, beta, gamma, levelSamples, levelMeans,"
                + " levelVariances, levelVariancesP; for mlqmc levelPoints, levelMeans, levelVariances (of each level's"
                + " mean); exact where known."})
public final class EstimateCommand implements Callable<Integer>, ParameterNames {
    /** The finest level accepted by --max-level (2^24 steps per path). */
    static final int MAX_LEVEL = 24;

    /** What [lower, upper] is, in the JSON output. */
    static final String INTERVAL = "95 % interval for the exact expectation (statistical ± bias bound)";

    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "NAME",
            description = "gbm (Giles' GBM: r = 0.05, sigma = 0.2, S0 = 1, T = 1), sinh (nonlinear, exact mean), or a"
                    + " problem of the library with one noise or diagonal noise (ou, cubic, wave, additive, logistic).")
    private String problem;

    @Option(names = "--functional", paramLabel = "SPEC", defaultValue = "european-call:strike=1",
            description = "The payoff, name[:key=value,...] (default: ${DEFAULT-VALUE}).")
    private String functional;

    @Option(names = "--tol", required = true, paramLabel = "EPS",
            description = "The root-mean-square error ε to reach (bias² and variance ≤ ε²/2 each).")
    private double tol;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "mlmc",
            description = "mc, mlmc, qmc or mlqmc (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--scheme", paramLabel = "NAME", defaultValue = "milstein",
            description = "milstein or euler-maruyama (default: ${DEFAULT-VALUE}).")
    private String scheme;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Root seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--max-level", paramLabel = "L", defaultValue = "20",
            description = "The finest level, 2^L steps, 2 to " + MAX_LEVEL + " (default: ${DEFAULT-VALUE}).")
    private int maxLevel;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Start no new round (pilot level, batch of paths, doubling of points, multilevel round) after S"
                    + " seconds and report the best estimate so far (default: no limit).")
    private Double maxSeconds;

    @Option(names = "--progress", description = "A progress line on stderr after every round, also when stderr is not"
            + " a terminal (on a terminal it is always shown).")
    private boolean progress;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", converter = OutputFile.Converter.class,
            description = "Also write Giles' four panels (level variances, level means, N per level for several"
                    + " tolerances, tolerance² x cost of each method); runs every method at 8, 4, 2 and 1 times --tol.")
    private OutputFile plot;

    @Override
    public Map<String, String> parameterOptions() {
        return Map.of("epsilon", "--tol", "coupling", "--scheme", "maxLevel", "--max-level");
    }

    @Override
    public Integer call() {
        if (!(tol > 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("--tol = " + tol + ": must be positive and finite");
        }
        if (maxLevel < 2 || maxLevel > MAX_LEVEL) {
            throw new IllegalArgumentException("--max-level = " + maxLevel + ": must be 2 to " + MAX_LEVEL);
        }
        if (maxSeconds != null && (!(maxSeconds > 0) || !Double.isFinite(maxSeconds))) {
            throw new IllegalArgumentException("--max-seconds = " + maxSeconds + ": must be positive and finite");
        }
        EstimationProblems.Named named = byName("--problem", problem, () -> EstimationProblems.byName(problem));
        Method m = byName("--method", method, () -> Method.byName(method));
        Coupling c = byName("--scheme", scheme, () -> Coupling.byName(scheme));
        Payoff payoff = byName("--functional", functional, () -> Estimates.payoff(functional));
        checkFits(named, c, payoff);
        int n = threads.orElse(Runtime.getRuntime().availableProcessors());
        double budget = maxSeconds == null ? Double.POSITIVE_INFINITY : maxSeconds;
        Estimate e;
        try (StatusLine line = StatusLine.onTerminal(spec.commandLine().getErr(), progress)) {
            e = Estimates.estimate(m, named.problem(), c, payoff, tol, seed, n, maxLevel, budget,
                    line.enabled() ? line : null);
        }
        OptionalDouble exact = named.exactValue(payoff);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(e, exact));
        } else {
            Format.printf(out, "%s, %s on %s (%s), ε = %s%n", e.method().name().toLowerCase(Locale.ROOT),
                    functional, problem, c.label(), Format.compact(tol));
            Format.printf(out, "estimate  %.8g ± %.3g (standard error %.3g)%n", e.estimate(),
                    MultilevelResult.Z95 * e.standardError(), e.standardError());
            Format.printf(out, "interval  [%.8g, %.8g]: 95 %% interval for the exact expectation (statistical ± %.3g,"
                    + " bias bound ± %.3g at %d steps)%n", e.lower(), e.upper(), e.statisticalHalfWidth(), e.biasBound(),
                    e.steps());
            if (exact.isPresent()) {
                double x = exact.getAsDouble();
                Format.printf(out, "exact     %.8g: error %.3g, %s%n", x, e.estimate() - x, covers(e, x));
            }
            Format.printf(out, "cost      %.4g steps (pilots included), %d paths, finest %d steps, %s%n", e.cost(),
                    e.paths(), e.steps(), Format.seconds(e.seconds()));
            out.println(e.converged() ? "converged: the tolerance was met"
                    : "NOT converged: " + e.message() + "; the estimate is what it had");
            out.print(table(e));
        }
        out.flush();
        if (plot != null) {
            plot(e, named, c, payoff, n, budget);
            if (!json) {
                out.println("plot      " + plot);
                out.flush();
            }
        }
        return 0;
    }

    /** Every method at 8, 4, 2 and 1 times ε (reusing the run already made), drawn as Giles' panels. */
    private void plot(Estimate done, EstimationProblems.Named named, Coupling c, Payoff payoff, int n, double budget) {
        List<MultilevelResult> byTol = new ArrayList<>();
        Map<String, List<double[]>> costs = new LinkedHashMap<>();
        MultilevelResult finest = null;
        for (Method m : Method.values()) {
            List<double[]> points = new ArrayList<>();
            for (double factor : new double[] {8, 4, 2, 1}) {
                Estimate e = factor == 1 && m == done.method() ? done : Estimates.estimate(m,
                        named.problem(), c, payoff, tol * factor, seed, n, maxLevel, budget);
                points.add(new double[] {tol * factor, e.cost()});
                if (e.detail() instanceof MultilevelResult r) {
                    byTol.add(r);
                    finest = r;
                }
            }
            costs.put(m.name().toLowerCase(Locale.ROOT), points);
        }
        try {
            MultilevelPlots.write(functional + " on " + named.name() + ", " + c.label(), finest, byTol, costs,
                    plot.target());
        } catch (IOException ex) {
            throw new OutputFailure(plot, ex);
        }
    }

    /** Refuses, before any work, a (problem, scheme, functional) triple the couplings cannot sample. */
    private void checkFits(EstimationProblems.Named named, Coupling c, Payoff payoff) {
        try {
            Multilevel.of(named.problem(), c, payoff);
        } catch (IllegalArgumentException ex) {
            String reason = ex.getMessage();
            int colon = reason.indexOf(": ");
            String why = colon < 0 ? reason : reason.substring(colon + 2);
            if (reason.startsWith("payoff")) {
                throw new IllegalArgumentException("--functional = '" + functional + "' does not fit --problem "
                        + problem + ": " + why);
            }
            if (reason.startsWith("coupling")) {
                throw new IllegalArgumentException("--scheme = '" + scheme + "' does not fit --problem " + problem
                        + ": " + why);
            }
            throw new IllegalArgumentException("--problem = '" + problem + "': " + why);
        }
    }

    /** Whether the interval covers x. */
    static String covers(Estimate e, double x) {
        return e.lower() <= x && x <= e.upper() ? "inside the interval" : "outside the interval";
    }

    /** A name turned into a value, its refusal naming the option. */
    private static <T> T byName(String option, String value, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException ex) {
            String reason = ex.getMessage();
            int colon = reason.indexOf(": ");
            throw new IllegalArgumentException(option + " = '" + value + "': " + (colon < 0 ? reason
                    : reason.substring(colon + 2)));
        }
    }

    /** One row per level (multilevel), or the single level the pilot chose. */
    static String table(Estimate e) {
        if (e.detail() instanceof MultilevelResult r) {
            Table t = new Table(">level", ">steps", ">N", ">mean Y", ">var Y", ">var P", ">s/sample");
            for (LevelEstimate l : r.levels()) {
                t.row(Integer.toString(l.level()), Integer.toString(l.steps()), Long.toString(l.samples()),
                        Format.f("%.5e", l.mean()), Format.f("%.4e", l.variance()), Format.f("%.4e", l.varianceP()),
                        Format.f("%.3e", l.secondsPerSample()));
            }
            return Format.f("rates     alpha %.3f  beta %.3f  gamma %.3f; plain MC would cost %.4g steps (x%.1f)%n",
                    r.alpha(), r.beta(), r.gamma(), r.plainMonteCarloCost(), r.saving()) + t.render();
        }
        if (e.detail() instanceof MultilevelQmc.Result r) {
            Table t = new Table(">level", ">steps", ">points", ">mean Y", ">var of mean");
            for (int l = 0; l < r.points().length; l++) {
                t.row(Integer.toString(l), Integer.toString(1 << l), Long.toString(r.points()[l]),
                        Format.f("%.5e", r.means()[l]), Format.f("%.4e", r.variances()[l]));
            }
            return t.render();
        }
        if (e.detail() instanceof RandomisedQmc.Result r) {
            Table t = new Table(">steps", ">points", ">randomisations", ">path var", ">variance reduction");
            t.row(Integer.toString(r.steps()), Long.toString(r.points()), Integer.toString(r.means().length),
                    Format.f("%.4e", r.pathVariance()), Format.f("%.1f", r.varianceReduction()));
            return t.render();
        }
        LevelSums s = (LevelSums) e.detail();
        Table t = new Table(">steps", ">paths", ">mean P", ">var P");
        t.row(Integer.toString(e.steps()), Long.toString(s.count()), Format.f("%.8g", s.meanY()),
                Format.f("%.4e", s.varianceY()));
        return Format.f("mc chose %d steps (pilot bias test) and %d paths (2 Var(P)/ε²)%n", e.steps(), s.count())
                + t.render();
    }

    static String json(Estimate e, OptionalDouble exact) {
        Json.ObjectBuilder o = Json.object().put("method", e.method().name().toLowerCase(Locale.ROOT))
                .put("estimate", e.estimate()).put("standardError", e.standardError()).put("lower", e.lower())
                .put("upper", e.upper()).put("interval", INTERVAL).put("statisticalHalfWidth", e.statisticalHalfWidth())
                .put("biasBound", e.biasBound()).put("steps", e.steps()).put("paths", e.paths()).put("cost", e.cost())
                .put("seconds", e.seconds()).put("converged", e.converged()).put("message", e.message());
        if (e.detail() instanceof MultilevelResult r) {
            int k = r.levels().size();
            long[] samples = new long[k];
            double[] means = new double[k];
            double[] variances = new double[k];
            double[] variancesP = new double[k];
            for (int l = 0; l < k; l++) {
                samples[l] = r.levels().get(l).samples();
                means[l] = r.levels().get(l).mean();
                variances[l] = r.levels().get(l).variance();
                variancesP[l] = r.levels().get(l).varianceP();
            }
            o.put("alpha", r.alpha()).put("beta", r.beta()).put("gamma", r.gamma())
                    .put("levelSamples", toDoubles(samples)).put("levelMeans", means)
                    .put("levelVariances", variances).put("levelVariancesP", variancesP);
        } else if (e.detail() instanceof MultilevelQmc.Result r) {
            o.put("levelPoints", toDoubles(r.points())).put("levelMeans", r.means()).put("levelVariances", r.variances());
        }
        if (exact.isPresent()) {
            o.put("exact", exact.getAsDouble());
        }
        return o.build();
    }

    private static double[] toDoubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Override
    public String toString() {
        return "estimate " + problem + " " + functional + " " + method;
    }
}
