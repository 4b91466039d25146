package org.sde4j.cli.output;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * The scheme table of {@code docs/solvers.md}, generated from the schemes' own declarations by
 * {@code bin/sde4j list --markdown}; {@code SolversDocTest} fails when the committed file is stale.
 */
public final class SolversMarkdown {
    private SolversMarkdown() {
    }

    /** Embedded, or step doubling for one-step schemes (AdaptiveSolver), or none. */
    private static String errorEstimate(Scheme s) {
        if (s instanceof org.sde4j.solver.scheme.RungeKuttaScheme && ((org.sde4j.solver.scheme.RungeKuttaScheme) s).tableau().hasErrorEstimate()) {
            return "embedded (Rackauckas & Nie 2017)";
        }
        // Reversible Heun and the multistep methods keep state between steps: not restartable, not adaptive.
        boolean keepsState = s instanceof org.sde4j.solver.scheme.ReversibleHeun || s instanceof org.sde4j.solver.scheme.LinearMultistep;
        return keepsState ? "none" : "step doubling";
    }

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Solvers\n\n");
        sb.append("Generated from the schemes' declarations by `bin/sde4j list --markdown > docs/solvers.md`;\n");
        sb.append("a test fails when this file is stale. Each declared order is measured by the test suite\n");
        sb.append("(`StrongConvergenceTest`, `DeterministicOrderTest`) on problems with exact solutions.\n\n");
        sb.append("| scheme | calculus | noise structures | strong order | weak order | f / step | g / step |"
                + " embedded error estimate | update and reference |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Scheme s : Schemes.all()) {
            boolean odeOnly = s.supportedNoise().equals(Set.of(NoiseStructure.NONE));
            sb.append("| `").append(s.name()).append("` | ")
                    .append(odeOnly ? "— (ODE)" : s.calculus().displayName()).append(" | ")
                    .append(s.supportedNoiseLabel()).append(" | ")
                    .append(odeOnly ? "classical " + s.strongOrder(NoiseStructure.NONE) : strongOrders(s))
                    .append(" | ")
                    .append(odeOnly ? "—" : weakOrder(s)).append(" | ")
                    .append(s.driftEvaluationsPerStep()).append(" | ")
                    .append(s.diffusionEvaluationsPerStep()).append(" | ")
                    .append(errorEstimate(s)).append(" | ")
                    .append(s.description().replace("|", "\\|")).append(" |\n");
        }
        sb.append("\nStrong order: `E|X_N − X(T)| = O(h^order)`; \"0.5 (additive: 1.0)\" means 0.5 in general and 1.0 on"
                + " additive noise; \"none (ODE)\" is the classical order on ordinary differential equations (no noise).\n");
        sb.append("f / step, g / step: drift and diffusion evaluations per step (for the implicit schemes, per"
                + " Newton iteration plus one).\n");
        sb.append("Error estimate: what `AdaptiveSolver` uses — the scheme's embedded estimate, or step doubling on the"
                + " same Brownian path for any one-step scheme (schemes that keep state between steps are not adaptive).\n");
        return sb.toString();
    }

    /**
     * The strong order over every noise structure the scheme handles (the supported structures and their
     * special cases): the most common order, then the structures where it differs, e.g.
     * {@code "0.5 (additive: 1.0)"}.
     */
    public static String strongOrders(Scheme s) {
        Map<NoiseStructure, Double> orders = new LinkedHashMap<>();
        for (NoiseStructure n : handled(s.supportedNoise())) {
            orders.put(n, s.strongOrder(n));
        }
        Map<Double, Long> counts = orders.values().stream()
                .collect(Collectors.groupingBy(o -> o, LinkedHashMap::new, Collectors.counting()));
        double common = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String exceptions = orders.entrySet().stream().filter(e -> e.getValue() != common)
                .map(e -> e.getKey().label() + ": " + order(e.getValue())).collect(Collectors.joining(", "));
        return exceptions.isEmpty() ? order(common) : order(common) + " (" + exceptions + ")";
    }

    private static Set<NoiseStructure> handled(Set<NoiseStructure> supported) {
        Set<NoiseStructure> result = EnumSet.noneOf(NoiseStructure.class);
        for (NoiseStructure n : NoiseStructure.values()) {
            if (supported.stream().anyMatch(n::isSpecialCaseOf)) {
                result.add(n);
            }
        }
        return result;
    }

    /** The weak order, "≥ q" when the scheme declares only a lower bound. */
    public static String weakOrder(Scheme s) {
        return (s.weakOrderIsLowerBound() ? "≥ " : "") + s.weakOrder();
    }

    private static String order(double value) {
        return Double.toString(value);
    }
}
