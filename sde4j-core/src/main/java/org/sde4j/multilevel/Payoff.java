package org.sde4j.multilevel;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.sde4j.sde.Require;

/**
 * The functional P = φ(X) of a path whose mean a {@link Multilevel} or {@link RandomisedQmc} estimator computes,
 * with the coupling of its fine and coarse versions that keeps the level variance V_ℓ small (Giles 2008,
 * "Improved multilevel Monte Carlo convergence using the Milstein scheme", MCQMC 2006, §3–4):
 *
 * <ul>
 *   <li>{@link #finalValue} — φ(X_T), any dimension; {@link #europeanCall} {@code D max(X_T − K, 0)}.</li>
 *   <li>{@link #asianCall} — {@code D max(A − K, 0)} with A the time average of X (arithmetic) or the exponential
 *       of the time average of log X (geometric), by the trapezoidal rule on each level's own grid.</li>
 *   <li>{@link #lookbackCall} — the floating-strike lookback {@code D (X_T − min_t X_t)}; the minimum over each
 *       step is drawn from the law of the minimum of the Brownian bridge with the step's frozen diffusion,
 *       {@code ½ (a + b − √((b − a)² − 2 g² h log U))} (Glasserman 2004, §6.4). The coarse path's value at the
 *       fine times is its Brownian interpolation {@code X_n + (s/h)(X_{n+1} − X_n) + g_n (W(t_n + s) − W_n −
 *       (s/h) ΔW_n)}, and its sub-intervals use the same U as the fine steps (Giles 2008, §4.3).</li>
 *   <li>{@link #digitalCall} — {@code D 1{X_T > K}} smoothed by conditional expectation over the last fine step:
 *       {@code D Φ((X + f h − K) / (|g| √h))}; the coarse path takes its last step up to T − h_f by Euler with the
 *       fine increments and then the same conditional expectation (after Giles 2008, §4.4), which keeps β near 3/2
 *       for Milstein. The partial step is Euler's even for Milstein, so that the coarse value has exactly the law of
 *       the previous level's fine value and the levels telescope.</li>
 * </ul>
 *
 * <p>All but {@link #finalValue} need a scalar SDE (d = m = 1). D is a constant factor (a discount e^{−rT}).
 */
public final class Payoff {
    /** What the sampler computes along the path. */
    enum Kind { FINAL, ASIAN_ARITHMETIC, ASIAN_GEOMETRIC, LOOKBACK, DIGITAL }

    private final Kind kind;
    private final String name;
    private final double strike;
    private final double factor;
    private final ToDoubleFunction<double[]> phi;

    private Payoff(Kind kind, String name, double strike, double factor, ToDoubleFunction<double[]> phi) {
        this.kind = kind;
        this.name = name;
        this.strike = Require.finite("strike", strike);
        this.factor = Require.finite("factor", factor);
        this.phi = phi;
    }

    /**
     * φ(X_T) for a function of the final state.
     *
     * @param name a short name for messages and tables
     * @param phi  the function of the state at T (must be thread-safe and pure)
     * @return the payoff
     */
    public static Payoff finalValue(String name, ToDoubleFunction<double[]> phi) {
        Require.nonNull("name", name);
        Require.nonNull("phi", phi);
        return new Payoff(Kind.FINAL, name, 0, 1, phi);
    }

    /** {@code X_T}, component 0. */
    public static Payoff mean() {
        return finalValue("mean", x -> x[0]);
    }

    /** {@code D max(X_T − K, 0)}, component 0. */
    public static Payoff europeanCall(double strike, double factor) {
        Require.finite("strike", strike);
        Require.finite("factor", factor);
        return new Payoff(Kind.FINAL, "european-call(K=" + strike + ")", strike, factor,
                x -> factor * Math.max(x[0] - strike, 0));
    }

    /**
     * {@code D max(A − K, 0)}, A the arithmetic time average {@code (1/T) ∫ X dt} or the geometric one
     * {@code exp((1/T) ∫ log X dt)}, each by the trapezoidal rule on the level's grid.
     */
    public static Payoff asianCall(double strike, double factor, boolean geometric) {
        return new Payoff(geometric ? Kind.ASIAN_GEOMETRIC : Kind.ASIAN_ARITHMETIC,
                (geometric ? "geometric" : "arithmetic") + "-asian-call(K=" + strike + ")", strike, factor, null);
    }

    /** The floating-strike lookback call {@code D (X_T − min_{0≤t≤T} X_t)}. */
    public static Payoff lookbackCall(double factor) {
        return new Payoff(Kind.LOOKBACK, "lookback-call", 0, factor, null);
    }

    /** The digital call {@code D 1{X_T > K}}, smoothed by conditional expectation over the last step. */
    public static Payoff digitalCall(double strike, double factor) {
        return new Payoff(Kind.DIGITAL, "digital-call(K=" + strike + ")", strike, factor, null);
    }

    Kind kind() {
        return kind;
    }

    double strike() {
        return strike;
    }

    double factor() {
        return factor;
    }

    /** φ of a final state (FINAL only). */
    double ofFinal(double[] state) {
        return phi.applyAsDouble(state);
    }

    /** Whether the payoff needs a scalar SDE. */
    boolean scalarOnly() {
        return kind != Kind.FINAL;
    }

    /** Extra unit normals per path and fine step (the lookback's exponential for the bridge minimum). */
    int extraRows() {
        return kind == Kind.LOOKBACK ? 2 : 0;
    }

    /** The payoff's name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payoff p && p.kind == kind && p.name.equals(name) && p.strike == strike
                && p.factor == factor && Objects.equals(p.phi, phi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, strike, factor);
    }
}
