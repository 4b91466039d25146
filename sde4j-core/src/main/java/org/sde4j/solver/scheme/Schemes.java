package org.sde4j.solver.scheme;

import java.util.List;
import java.util.stream.Collectors;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Scheme;

/**
 * The registry of named schemes: what {@code bin/sde4j list} prints and {@code --scheme NAME} accepts.
 */
public final class Schemes {
    private static final List<Scheme> ALL = List.of(
            EulerMaruyama.INSTANCE,
            Milstein.ITO,
            Milstein.STRATONOVICH,
            DerivativeFreeMilstein.ITO,
            DerivativeFreeMilstein.STRATONOVICH,
            MultiNoiseMilstein.COMMUTATIVE,
            MultiNoiseMilstein.GENERAL,
            RungeKuttaSchemes.HEUN,
            RungeKuttaSchemes.MIDPOINT,
            RungeKuttaSchemes.EULER_HEUN,
            RungeKuttaSchemes.RK4,
            RosslerSchemes.SRIW1,
            RosslerSchemes.SRA1,
            RosslerSchemes.SRA3,
            RosslerSchemes.SOSRA,
            StabilityOptimisedSchemes.SOSRI, StabilityOptimisedSchemes.SOSRI2, StabilityOptimisedSchemes.SRIW2,
            StabilityOptimisedSchemes.SOSRA2, StabilityOptimisedSchemes.SRA2,
            WeakSchemes.WEAK_EULER,
            WeakSchemes.PLATEN_WEAK_2,
            ReversibleHeun.INSTANCE,
            DriftImplicit.EULER_MARUYAMA,
            DriftImplicit.MILSTEIN,
            SkRock.INSTANCE,
            AutoSwitching.SOSRI2_SK_ROCK,
            LinearMultistep.ADAMS_BASHFORTH_2,
            LinearMultistep.lmResNet(0.5));

    private Schemes() {
    }

    /** Every named scheme, in a stable order. */
    public static List<Scheme> all() {
        return ALL;
    }

    /** The registry names, in order. */
    public static List<String> names() {
        return ALL.stream().map(Scheme::name).collect(Collectors.toList());
    }

    /**
     * @throws IllegalArgumentException naming the unknown name and listing the valid ones
     */
    public static Scheme byName(String name) {
        for (Scheme s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scheme = " + name + ": unknown; valid names are " + String.join(", ", names()));
    }

    /** Whether {@code scheme} can solve {@code sde} ({@link Scheme#checkSupports} passes). */
    public static boolean supports(Scheme scheme, Sde sde) {
        try {
            scheme.checkSupports(sde);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
