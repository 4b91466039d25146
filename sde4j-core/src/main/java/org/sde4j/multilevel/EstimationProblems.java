package org.sde4j.multilevel;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The problems of {@code sde4j estimate}, by name, each with the exact {@code E P} where one is known:
 *
 * <ul>
 *   <li>{@code gbm}: Giles' (2008) GBM ({@link GbmFormulas#GILES}); exact values for the mean and for the European,
 *       geometric Asian, floating-strike lookback and digital calls.</li>
 *   <li>{@code sinh}: the nonlinear {@code dX = ½ X dt + √(1 + X²) dW}, X₀ = 1, T = 1 ({@link #sinh}); exact
 *       {@code E X_T}.</li>
 *   <li>every problem of the problem library ({@link Problems#names()}) except its own {@code gbm} (whose name
 *       Giles' GBM takes here); exact {@code E X_T} where the library knows it. The multilevel couplings take one
 *       noise channel or diagonal noise, so some of them are refused with a one-line reason
 *       ({@link Multilevel#of}).</li>
 * </ul>
 */
public final class EstimationProblems {
    private EstimationProblems() {
    }

    /**
     * A named problem.
     *
     * @param name        its name
     * @param description one line for people
     * @param problem     the SDE, initial value and span
     * @param exact       the exact {@code E payoff(X)} for a payoff, where known
     */
    public record Named(String name, String description, SdeProblem problem,
            Function<Payoff, OptionalDouble> exact) {
        /** The exact {@code E payoff(X)}, where known. */
        public OptionalDouble exactValue(Payoff payoff) {
            return exact.apply(payoff);
        }
    }

    /** The names, in order: gbm, sinh, then the problem library's other problems. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("gbm", "sinh"));
        for (String n : Problems.names()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * The problem called {@code name}.
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static Named byName(String name) {
        if ("gbm".equals(name)) {
            GbmFormulas g = GbmFormulas.GILES;
            return new Named("gbm", "Giles' GBM: dS = r S dt + sigma S dW, r = 0.05, sigma = 0.2, S0 = 1, T = 1",
                    g.problem(), p -> gbmExact(g, p));
        }
        if ("sinh".equals(name)) {
            return new Named("sinh", "dX = X/2 dt + sqrt(1 + X^2) dW, X0 = 1, T = 1 (X_T = sinh(W_T + asinh 1))",
                    sinh(1, 1), p -> isMean(p) ? OptionalDouble.of(sinhMean(1, 1)) : OptionalDouble.empty());
        }
        if (Problems.names().contains(name)) {
            TestProblem t = Problems.byName(name);
            SdeProblem problem = t.problem();
            return new Named(name, t.description(), problem, p -> isMean(p) ? t.exactMean(problem.t1())
                    .map(m -> OptionalDouble.of(m[0])).orElse(OptionalDouble.empty()) : OptionalDouble.empty());
        }
        throw new IllegalArgumentException("problem = " + name + ": unknown; the problems of estimate are "
                + String.join(", ", names()));
    }

    /**
     * A nonlinear SDE with an exact mean: {@code dX = ½ X dt + √(1 + X²) dW}, X(0) = x₀, solved by
     * {@code X_t = sinh(W_t + asinh x₀)} (Itô: {@code d sinh(W) = cosh(W) dW + ½ sinh(W) dt}), so
     * {@code E X_T = x₀ e^{T/2}} ({@link #sinhMean}); {@code ∂g/∂x = X/√(1 + X²)} for Milstein.
     */
    public static SdeProblem sinh(double x0, double t) {
        Require.finite("x0", x0);
        Sde sde = Sde.scalar((time, x) -> 0.5 * x, (time, x) -> Math.sqrt(1 + x * x))
                .withDiffusionDerivative((time, x) -> x / Math.sqrt(1 + x * x));
        return SdeProblem.of(sde, x0, 0, t);
    }

    /** {@code E X_T = x₀ e^{T/2}} for {@link #sinh}. */
    public static double sinhMean(double x0, double t) {
        return x0 * Math.exp(t / 2);
    }

    private static boolean isMean(Payoff p) {
        return p.kind() == Payoff.Kind.FINAL && "mean".equals(p.name());
    }

    /** The closed forms of {@link GbmFormulas}, which are discounted by e^{−rT}: rescaled to the payoff's factor. */
    private static OptionalDouble gbmExact(GbmFormulas g, Payoff p) {
        if (isMean(p)) {
            return OptionalDouble.of(g.mean());
        }
        double scale = p.factor() / g.discount();
        return switch (p.kind()) {
            case FINAL -> p.name().startsWith("european-call") ? OptionalDouble.of(scale * g.europeanCall(p.strike()))
                    : OptionalDouble.empty();
            case ASIAN_GEOMETRIC -> OptionalDouble.of(scale * g.geometricAsianCall(p.strike()));
            case LOOKBACK -> OptionalDouble.of(scale * g.lookbackCall());
            case DIGITAL -> OptionalDouble.of(scale * g.digitalCall(p.strike()));
            case ASIAN_ARITHMETIC -> OptionalDouble.empty();
        };
    }
}
