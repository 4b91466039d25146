package org.sde4j.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.Table;
import org.sde4j.cli.spark.SparkRuns;
import org.sde4j.sensitivity.Greek;
import org.sde4j.sensitivity.GreeksRecipe;
import org.sde4j.sensitivity.Sensitivities;
import org.sde4j.sensitivity.SensitivityResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j greeks}: the sensitivities of a discounted payoff's expectation ({@link GreeksRecipe}: Δ, Γ, vega, ρ,
 * Θ and the model's parameters) with their standard errors, by the method asked for, with the calculus the method
 * reads and the closed form beside each estimate when one is known. With {@code --spark} the job runs on Spark and
 * gives the same bits.
 */
@Command(name = "greeks", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sensitivities of E[payoff] (delta, gamma, vega, rho, theta, model parameters) with standard"
                + " errors by pathwise tangents, the adjoint, the likelihood ratio or finite differences; the closed"
                + " form beside each when known.",
        footer = {"", "Examples:",
            "  sde4j greeks --problem gbm:s0=100 --functional european-call:strike=105",
            "  sde4j greeks --problem gbm --functional digital-call:strike=1 --method lr",
            "  sde4j greeks --problem heston:rho=-0.5 --method adjoint --steps 100",
            "Problems: gbm[:s0=1,r=0.05,sigma=0.2,T=1] (Black-Scholes, simulated in log space, where Euler-Maruyama is"
                + " exact); heston[:s0=1,v0=0.04,r=0.03,kappa=1.5,theta=0.04,xi=0.3,rho=-0.7,T=1] (log-Heston, full"
                + " truncation; closed form: Fourier price and its central differences, continuous time).",
            "Functionals: european-call:strike=K, digital-call:strike=K (discounted; not differentiable: lr or fd).",
            "Methods: pathwise (forward tangents; gamma on gbm calls), adjoint (--adjoint block, backpropagation, revolve,"
                + " checkpointed, reversible-heun, stochastic or ito), lr (likelihood ratio; not heston), fd"
                + " (central differences, common random numbers)."})
public final class GreeksCommand implements Callable<Integer>, ParameterNames {
    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "NAME[:k=v,...]",
            description = "gbm or heston, with optional parameters (see below).")
    private String problem;

    @Option(names = "--functional", paramLabel = "SPEC", defaultValue = "european-call:strike=1",
            description = "The payoff, european-call:strike=K or digital-call:strike=K (default: ${DEFAULT-VALUE}).")
    private String functional;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "pathwise",
            description = "pathwise, adjoint, lr or fd (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--adjoint", paramLabel = "NAME", defaultValue = "block",
            description = "With --method adjoint: block, backpropagation, checkpointed, revolve, reversible-heun, stochastic"
                    + " or ito (default: ${DEFAULT-VALUE}).")
    private String adjoint;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "100000",
            description = "Number of paths (default: ${DEFAULT-VALUE}).")
    private long paths;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "64",
            description = "Time steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Root seed; the same seed gives the same bits for any --threads (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    private boolean json;

    @Mixin
    private SparkOptions spark;

    @Override
    public Map<String, String> parameterOptions() {
        return Map.of();
    }

    @Override
    public Integer call() {
        GreeksRecipe recipe = new GreeksRecipe(problem, functional, method, adjoint, steps, paths, seed);
        int n = threads.orElse(spark.on() ? 1 : Runtime.getRuntime().availableProcessors());
        Sensitivities job = recipe.create().threads(n);
        job.plan(); // every refusal of the library before any work
        spark.check();
        SensitivityResult r;
        Integer partitions = null;
        if (spark.on()) {
            spark.checkChunks(job.chunkCount(), 256);
            SparkRuns.Ran<SensitivityResult> ran = SparkRuns.greeks(recipe, spark.master(), spark.partitions(), n);
            r = ran.result();
            partitions = ran.partitions();
        } else {
            r = job.run();
        }
        List<Greek> greeks = recipe.greeks(r);
        for (Greek g : greeks) {
            if (!Double.isFinite(g.estimate()) || !Double.isFinite(g.standardError())) {
                throw new IllegalStateException("the estimate of " + g.name() + " is not finite: the payoff or its"
                        + " gradient overflowed on some path; try fewer steps, other parameters or another method");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(recipe, r, greeks, n, partitions));
        } else {
            print(out, recipe, r, greeks, n, partitions);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, GreeksRecipe recipe, SensitivityResult r, List<Greek> greeks, int n,
            Integer partitions) {
        StringBuilder params = new StringBuilder();
        recipe.parameters().forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ").append(k).append(" = ")
                .append(Format.compact(v)));
        Format.printf(out, "greeks    of %s on %s (%s)%n", functional, problem.split(":", 2)[0], params);
        Format.printf(out, "method    %s%s%n", r.method(), method.equals("adjoint") ? ", --adjoint " + adjoint : "");
        Format.printf(out, "calculus  %s%n", recipe.calculusNote());
        Format.printf(out, "paths     %d, %d steps, seed %d, %d threads, %s%s%n", r.paths(), steps, seed, n,
                Format.seconds(r.seconds()), partitions == null ? "" : ", Spark " + spark.master() + " with "
                        + partitions + " partitions");
        String source = recipe.closedFormSource();
        Format.printf(out, "closed    %s%n", source == null ? "none known for this model and functional" : source);
        Table t = new Table("name", ">estimate", ">std error", ">closed form", ">(est - cf)/se");
        for (Greek g : greeks) {
            t.row(g.name(), Format.g6(g.estimate()), Format.g2(g.standardError()),
                    g.hasClosedForm() ? Format.g6(g.closedForm()) : "none",
                    g.hasClosedForm() ? Format.signed((g.estimate() - g.closedForm()) / g.standardError()) : "");
        }
        out.print(t.render());
        if (source != null && recipe.biasNote() != null) {
            out.println("note      " + recipe.biasNote());
        }
        if (greeks.stream().anyMatch(g -> g.name().equals("gamma"))) {
            out.println("gamma's standard error is an upper bound (the sum of two; their covariance is not kept)");
        } else if (problem.startsWith("gbm") && functional.startsWith("european")) {
            out.println("gamma     by the pathwise method only (--method pathwise)");
        }
    }

    private String json(GreeksRecipe recipe, SensitivityResult r, List<Greek> greeks, int n, Integer partitions) {
        Json.ObjectBuilder params = Json.object();
        recipe.parameters().forEach(params::put);
        Json.ObjectBuilder values = Json.object();
        for (Greek g : greeks) {
            Json.ObjectBuilder one = Json.object().put("estimate", g.estimate()).put("standardError", g.standardError());
            if (g.hasClosedForm()) {
                one.put("closedForm", g.closedForm());
            }
            values.put(g.name(), one);
        }
        Json.ObjectBuilder o = Json.object().put("problem", problem.split(":", 2)[0]).put("parameters", params)
                .put("functional", functional).put("method", method);
        if (method.equals("adjoint")) {
            o.put("adjoint", adjoint);
        }
        o.put("methodLabel", r.method()).put("calculus", recipe.methodCalculus().displayName())
                .put("calculusNote", recipe.calculusNote()).put("steps", steps).put("paths", r.paths())
                .put("seed", seed).put("threads", n).put("seconds", r.seconds());
        if (recipe.closedFormSource() != null) {
            o.put("closedFormSource", recipe.closedFormSource());
        }
        o.put("greeks", values);
        if (partitions != null) {
            o.put("partitions", partitions);
        }
        return o.build();
    }

    @Override
    public String toString() {
        return "greeks " + problem + " " + functional + " " + method;
    }
}
