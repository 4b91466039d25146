package org.sde4j.sensitivity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sde4j.sde.Calculus;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * A sensitivity job named by strings and numbers only, so that it can be written on a command line and sent to Spark
 * executors (a {@link org.sde4j.gradient.ParametricSde} holds code and is not serialisable): the recipe travels, and
 * {@link #create()} builds the same {@link Sensitivities} wherever it is called.
 *
 * <pre>{@code
 * GreeksRecipe recipe = new GreeksRecipe("heston:rho=-0.5", "european-call:strike=1", "adjoint", "block", 64, 100_000, 7);
 * SensitivityResult r = recipe.create().threads(2).run();
 * for (Greek g : recipe.greeks(r)) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>{@code gbm[:s0=,r=,sigma=,T=]}: Black–Scholes, simulated in log space with the maturity as a parameter
 *       (Euler–Maruyama is exact, so the closed forms are the discrete chain's); Δ, Γ (pathwise method), vega, ρ and
 *       Θ = −∂V/∂T.</li>
 *   <li>{@code heston[:s0=,v0=,r=,kappa=,theta=,xi=,rho=,T=]}: log-Heston with full truncation ({@link HestonSde},
 *       correlated noise); Δ, ∂V/∂v0 and the five parameter derivatives, beside the Fourier price's central
 *       differences (continuous time: Euler–Maruyama's bias of order h is in the difference).</li>
 * </ul>
 *
 * @param problem    the model and parameter overrides, {@code name[:key=value,…]}
 * @param functional {@code european-call[:strike=K]} or {@code digital-call[:strike=K]} (K default 1), discounted
 * @param method     pathwise, adjoint, lr or fd (relative bump {@value #CALL_BUMP} for calls, {@value #DIGITAL_BUMP}
 *                   for digitals)
 * @param adjoint    for the adjoint method: block (default; reverse mode in blocks through Euler–Maruyama),
 *                   backpropagation, checkpointed, revolve, reversible-heun, stochastic or ito (gbm only)
 * @param steps      time steps
 * @param paths      paths
 * @param seed       root seed
 */
public record GreeksRecipe(String problem, String functional, String method, String adjoint, int steps, long paths,
        long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The relative bump of finite differences for calls. */
    public static final double CALL_BUMP = 1e-4;
    /** The relative bump of finite differences for digitals. */
    public static final double DIGITAL_BUMP = 1e-2;

    /** The methods' names. */
    public static final List<String> METHODS = List.of("pathwise", "adjoint", "lr", "fd");
    /** The adjoints' names. */
    public static final List<String> ADJOINTS = List.of("block", "backpropagation", "checkpointed", "revolve",
            "reversible-heun", "stochastic", "ito");

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the first field that is wrong, its value and what is allowed
     */
    public GreeksRecipe {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + ": must be at least 1");
        }
        if (paths < 2) {
            throw new IllegalArgumentException("paths = " + paths + ": at least 2 (for a standard error)");
        }
        parameters(problem);
        strike(functional);
        if (method == null || !METHODS.contains(method)) {
            throw new IllegalArgumentException("method = '" + method + "': unknown; the methods are "
                    + String.join(", ", METHODS));
        }
        if (adjoint == null || !ADJOINTS.contains(adjoint)) {
            throw new IllegalArgumentException("adjoint = '" + adjoint + "': unknown; the adjoints are "
                    + String.join(", ", ADJOINTS));
        }
        if (!adjoint.equals("block") && !method.equals("adjoint")) {
            throw new IllegalArgumentException("adjoint = '" + adjoint + "': applies to the adjoint method only (method"
                    + " is " + method + ")");
        }
        boolean heston = name(problem).equals("heston");
        int most = (1 << 26) / SensitivityPlan.CHUNK / (heston ? 2 : 1);
        if (steps > most) {
            throw new IllegalArgumentException("steps = " + steps + ": at most " + most + " for " + name(problem)
                    + " (a chunk's Brownian increments are kept for the backward pass: 512 MiB per thread)");
        }
        boolean digital = name(functional).equals("digital-call");
        if (digital && (method.equals("pathwise") || method.equals("adjoint"))) {
            throw new IllegalArgumentException("method = '" + method + "': the digital call is not differentiable (its"
                    + " pathwise derivative is zero almost everywhere and misses the jump); use lr or fd");
        }
        if (heston && method.equals("lr")) {
            throw new IllegalArgumentException("method = 'lr': the likelihood ratio needs the Gaussian density of each"
                    + " Euler step, hence an invertible diffusion; heston's is singular wherever the variance reaches"
                    + " zero (full truncation), which Euler paths do: use pathwise, adjoint or fd");
        }
        if (heston && !adjoint.equals("block")) {
            throw new IllegalArgumentException("adjoint = '" + adjoint + "': heston has correlated (general) noise, whose"
                    + " adjoint is the block reverse mode through Euler–Maruyama only (block)");
        }
    }

    /** The model's name, before any ':'. */
    private static String name(String spec) {
        if (spec == null) {
            return "";
        }
        int colon = spec.indexOf(':');
        return (colon < 0 ? spec : spec.substring(0, colon)).trim();
    }

    /** {@code key=value,…} after the ':' of {@code spec}, in order. */
    private static Map<String, String> options(String what, String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        int colon = spec.indexOf(':');
        if (colon < 0 || spec.substring(colon + 1).isBlank()) {
            return out;
        }
        for (String kv : spec.substring(colon + 1).split(",", -1)) {
            String[] pair = kv.split("=", 2);
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new IllegalArgumentException(what + " = '" + spec + "': '" + kv + "' is not key=value");
            }
            if (out.put(pair[0].trim(), pair[1].trim()) != null) {
                throw new IllegalArgumentException(what + " = '" + spec + "': " + pair[0].trim() + " given twice");
            }
        }
        return out;
    }

    private static double number(String what, String spec, String key, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " = '" + spec + "': " + key + " = '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " = '" + spec + "': " + key + " = " + text + " must be finite");
        }
        return v;
    }

    /**
     * The model's parameters (defaults, then the overrides of {@code spec}), checked.
     *
     * @throws IllegalArgumentException naming the problem, the key and its domain
     */
    static Map<String, Double> parameters(String spec) {
        String model = name(spec);
        if (!GreeksCatalog.PROBLEMS.contains(model)) {
            throw new IllegalArgumentException("problem = '" + spec + "': unknown; the problems are "
                    + String.join(", ", GreeksCatalog.PROBLEMS));
        }
        Map<String, Double> p = GreeksCatalog.defaults(model);
        for (Map.Entry<String, String> e : options("problem", spec).entrySet()) {
            if (!p.containsKey(e.getKey())) {
                throw new IllegalArgumentException("problem = '" + spec + "': unknown parameter " + e.getKey() + "; "
                        + model + " has " + String.join(", ", p.keySet()));
            }
            p.put(e.getKey(), number("problem", spec, e.getKey(), e.getValue()));
        }
        for (String positive : List.of("s0", "sigma", "T", "kappa", "theta", "xi")) {
            if (p.containsKey(positive) && !(p.get(positive) > 0)) {
                throw new IllegalArgumentException("problem = '" + spec + "': " + positive + " = " + p.get(positive)
                        + " must be positive");
            }
        }
        if (p.containsKey("v0") && !(p.get("v0") > 0)) {
            throw new IllegalArgumentException("problem = '" + spec + "': v0 = " + p.get("v0") + " must be positive");
        }
        if (p.containsKey("rho") && !(Math.abs(p.get("rho")) < 1)) {
            throw new IllegalArgumentException("problem = '" + spec + "': rho = " + p.get("rho")
                    + " must lie strictly inside (-1, 1)");
        }
        return p;
    }

    /**
     * The strike of {@code spec}, checked.
     *
     * @throws IllegalArgumentException naming the functional, the key and what is allowed
     */
    static double strike(String spec) {
        String payoff = name(spec);
        if (!GreeksCatalog.FUNCTIONALS.contains(payoff)) {
            throw new IllegalArgumentException("functional = '" + spec + "': unknown; the functionals are "
                    + String.join(", ", GreeksCatalog.FUNCTIONALS) + " (with :strike=K)");
        }
        double strike = 1;
        for (Map.Entry<String, String> e : options("functional", spec).entrySet()) {
            if (!e.getKey().equals("strike")) {
                throw new IllegalArgumentException("functional = '" + spec + "': unknown option " + e.getKey()
                        + "; the option is strike");
            }
            strike = number("functional", spec, "strike", e.getValue());
        }
        if (!(strike > 0)) {
            throw new IllegalArgumentException("functional = '" + spec + "': strike = " + strike + " must be positive");
        }
        return strike;
    }

    private boolean heston() {
        return name(problem).equals("heston");
    }

    private boolean digital() {
        return name(functional).equals("digital-call");
    }

    /** The parameters in force (defaults and overrides), by name. */
    public Map<String, Double> parameters() {
        return parameters(problem);
    }

    private SensitivityMethod sensitivityMethod() {
        return switch (method) {
            case "pathwise" -> SensitivityMethod.PATHWISE;
            case "adjoint" -> SensitivityMethod.ADJOINT;
            case "lr" -> SensitivityMethod.LIKELIHOOD_RATIO;
            default -> SensitivityMethod.FINITE_DIFFERENCE;
        };
    }

    /** The per-path adjoint named by {@link #adjoint}, or null for the block reverse mode. */
    private AdjointMethod adjointMethod() {
        TableauScheme euler = EulerMaruyama.INSTANCE;
        return switch (adjoint) {
            case "backpropagation" -> AdjointMethod.backpropagation(euler);
            case "checkpointed" -> AdjointMethod.checkpointed(euler);
            case "revolve" -> AdjointMethod.revolve(euler);
            case "reversible-heun" -> AdjointMethod.reversibleHeun();
            case "stochastic" -> AdjointMethod.stochasticAdjoint();
            case "ito" -> AdjointMethod.itoAdjoint();
            default -> null;
        };
    }

    /** Whether Γ is estimated: the pathwise method on a gbm call. */
    public boolean gamma() {
        return !heston() && !digital() && method.equals("pathwise");
    }

    /**
     * The job: the same {@link Sensitivities} (same grid, paths, seed and method) wherever it is built; its thread
     * count is the runner's default, set it with {@link Sensitivities#threads}.
     */
    public Sensitivities create() {
        Map<String, Double> p = parameters();
        double strike = strike(functional);
        Sensitivities job;
        if (heston()) {
            double[] theta = {p.get("r"), p.get("kappa"), p.get("theta"), p.get("xi"), p.get("rho")};
            double[] x0 = {Math.log(p.get("s0")), p.get("v0")};
            double t = p.get("T");
            Payoff payoff = digital() ? Payoff.digital(0, strike, true, 0, t) : Payoff.call(0, strike, true, 0, t);
            job = Sensitivities.of(HestonSde.MODEL, theta, x0, payoff).grid(0, t, steps)
                    .parameterNames("r", "kappa", "theta", "xi", "rho");
        } else {
            double[] theta = {p.get("r"), p.get("sigma"), p.get("T")};
            job = Sensitivities.of(GreeksCatalog.LOG_GBM_MATURITY, Calculus.ITO, theta,
                    new double[] {Math.log(p.get("s0"))}, GreeksCatalog.maturityPayoff(strike, digital()))
                    .grid(0, 1, steps).parameterNames("r", "sigma", "T").gamma(gamma());
        }
        // A digital's central difference is non-zero only for the paths the bump moves across the strike: a larger
        // bump keeps its variance in check (the bias is O(δ²)).
        job.paths(paths).seed(seed).method(sensitivityMethod()).bump(digital() ? DIGITAL_BUMP : CALL_BUMP);
        AdjointMethod a = adjointMethod();
        if (a != null) {
            job.adjoint(a);
        }
        return job;
    }

    /** The calculus in which the method reads the SDE (every model here is declared Itô). */
    public Calculus methodCalculus() {
        AdjointMethod a = method.equals("adjoint") ? adjointMethod() : null;
        return a == null ? Calculus.ITO : a.calculus();
    }

    /** How the calculus was handled, in words. */
    public String calculusNote() {
        Calculus reads = methodCalculus();
        return reads == Calculus.ITO ? "the SDE is declared Itô and the method reads it as Itô (no conversion)"
                : "the SDE is declared Itô and the method reads it as " + reads.displayName()
                        + ": converted by the Itô–Stratonovich drift correction f − ½ Σ g ∂g/∂x";
    }

    /** What the difference between an estimate and its closed form holds besides noise, or null. */
    public String biasNote() {
        if (heston()) {
            return "the closed form is continuous time: Euler–Maruyama's O(h) bias is part of the difference (raise"
                    + " the steps to shrink it)";
        }
        return method.equals("fd") && digital() ? "finite differences of a digital with a relative bump of "
                + DIGITAL_BUMP + ": a bias of order bump²" : null;
    }

    /** Where the closed forms come from, or null when there are none. */
    public String closedFormSource() {
        if (heston()) {
            return digital() ? null : "Heston (1993) Fourier price and its central differences, continuous time";
        }
        return "Black–Scholes" + (digital() ? " cash-or-nothing digital" : "");
    }

    /**
     * The price and the sensitivities of {@code r} (a result of {@link #create()}), in the model's units: Δ = ∂V/∂S0
     * from the log-state derivative {@code ∂V/∂y0 / S0}; Γ = {@code (∂²V/∂y0² − ∂V/∂y0) / S0²}, whose standard error
     * is bounded by the sum of the two (their covariance is not kept); Θ = −∂V/∂T.
     */
    public List<Greek> greeks(SensitivityResult r) {
        Map<String, Double> p = parameters();
        double strike = strike(functional);
        double s0 = p.get("s0");
        double[] g = r.gradient();
        double[] e = r.gradientError();
        List<Greek> out = new ArrayList<>();
        if (heston()) {
            double[] c = digital() ? null : GreeksClosedForms.heston(new double[] {s0, p.get("v0"), p.get("r"),
                p.get("kappa"), p.get("theta"), p.get("xi"), p.get("rho"), p.get("T")}, strike);
            out.add(new Greek("price", r.value(), r.valueError(), c == null ? Double.NaN : c[0]));
            out.add(new Greek("delta", g[5] / s0, e[5] / s0, c == null ? Double.NaN : c[6]));
            out.add(new Greek("dV/dv0", g[6], e[6], c == null ? Double.NaN : c[7]));
            String[] names = {"rho (dV/dr)", "dV/dkappa", "dV/dtheta", "dV/dxi", "dV/drho"};
            for (int j = 0; j < 5; j++) {
                out.add(new Greek(names[j], g[j], e[j], c == null ? Double.NaN : c[1 + j]));
            }
            return out;
        }
        double[] c = GreeksClosedForms.blackScholes(s0, strike, p.get("r"), p.get("sigma"), p.get("T"), digital());
        out.add(new Greek("price", r.value(), r.valueError(), c[0]));
        out.add(new Greek("delta", g[3] / s0, e[3] / s0, c[1]));
        if (!Double.isNaN(r.gamma())) {
            out.add(new Greek("gamma", (r.gamma() - g[3]) / (s0 * s0), (r.gammaError() + e[3]) / (s0 * s0), c[2]));
        }
        out.add(new Greek("vega", g[1], e[1], c[3]));
        out.add(new Greek("rho", g[0], e[0], c[4]));
        out.add(new Greek("theta", -g[2], e[2], c[5]));
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "greeks of %s on %s by %s%s, %d steps, %d paths, seed %d", functional,
                problem, method, method.equals("adjoint") ? " (" + adjoint + ")" : "", steps, paths, seed);
    }
}
