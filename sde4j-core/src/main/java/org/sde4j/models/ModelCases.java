package org.sde4j.models;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.math.Quadrature;

/**
 * Builds a {@link ModelCase} from the user's specifications: a model ({@code gbm}, {@code merton}, {@code kou},
 * {@code heston}, {@code bates}, {@code cir}, {@code vg}, {@code nig}, {@code down-and-out}, {@code up-and-out}), and
 * optionally jumps ({@code merton} or {@code kou} marks, on gbm or heston) and a barrier (on gbm). Each key has the
 * default of the catalogued case; see {@link ModelCatalog#of}.
 */
final class ModelCases {
    /** The model names. */
    static final List<String> MODELS = List.of("gbm", "merton", "kou", "heston", "bates", "cir", "vg", "nig",
            "down-and-out", "up-and-out");
    static final double FOURIER_TOLERANCE = 1e-8;
    static final List<String> PRICE_KEYS = List.of("s0", "r", "strike", "t", "steps");

    private ModelCases() {
    }

    static ModelCase build(String model, String jumps, String barrier) {
        SpecText m = SpecText.parse("model", model);
        SpecText j = jumps == null ? null : SpecText.parse("jumps", jumps);
        SpecText b = barrier == null ? null : SpecText.parse("barrier", barrier);
        String name = m.name();
        if (b != null && !name.equals("gbm")) {
            throw b.refuse("a barrier applies to --model gbm only (without jumps): the closed forms of Merton (1973)"
                    + " and Reiner–Rubinstein (1991) are for geometric Brownian motion; " + name + " has none here");
        }
        if (j != null && !(name.equals("gbm") || name.equals("heston"))) {
            throw j.refuse("jumps are added to gbm (Merton, Kou) or heston (Bates) only, not to " + name);
        }
        try {
            return switch (name) {
                case "gbm" -> b != null ? BarrierCases.barrier(m, b, j)
                        : j != null ? JumpDiffusionCases.jumpDiffusion(m, j, 0.2) : JumpDiffusionCases.gbm(m);
                case "merton" -> JumpDiffusionCases.jumpDiffusion(m, m, 0.2);
                case "kou" -> JumpDiffusionCases.jumpDiffusion(m, m, 0.16);
                case "heston" -> StochasticVolatilityCases.heston(m, j, false);
                case "bates" -> StochasticVolatilityCases.heston(m, m, true);
                case "cir" -> StochasticVolatilityCases.cir(m);
                case "vg", "nig" -> LevyCases.levy(m);
                case "down-and-out", "up-and-out" -> BarrierCases.barrier(m, m, null);
                default -> throw m.refuse("unknown model; the models are " + String.join(", ", MODELS));
            };
        } catch (Quadrature.NotConvergedException e) {
            throw m.refuse("the Fourier integral of the reference price did not converge (" + e.getMessage()
                    + "), so there is no reference price");
        }
    }

    /** Rethrows a domain refusal of the library ("rho = 2.0: …") quoted by the setting whose key it was. */
    static <T> T checked(SpecText spec, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw spec.refuse(e.getMessage());
        }
    }

    static Set<String> keys(List<String> base, String... more) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    /** A number as typed: 0.05, 100, 1e-4. */
    static String g(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
