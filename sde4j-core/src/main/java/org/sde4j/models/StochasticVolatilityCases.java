package org.sde4j.models;

import static org.sde4j.models.ModelCases.FOURIER_TOLERANCE;
import static org.sde4j.models.ModelCases.PRICE_KEYS;
import static org.sde4j.models.ModelCases.checked;
import static org.sde4j.models.ModelCases.g;
import static org.sde4j.models.ModelCases.keys;

import java.util.List;
import java.util.Set;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.jump.MarkLaw;
import org.sde4j.models.jump.MarkLaws;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.stochvol.Cir;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;
import org.sde4j.random.KeyedStream;

/**
 * The cases of positive and stochastic-volatility models: {@code heston} and {@code bates} (Fourier inversion in the
 * form of Albrecher et al. 2007) and {@code cir} (exact sampling, closed-form mean).
 */
final class StochasticVolatilityCases {
    private StochasticVolatilityCases() {
    }

    static ModelCase heston(SpecText m, SpecText j, boolean bates) {
        List<String> own = List.of("v0", "kappa", "theta", "sigma", "rho", "scheme");
        Set<String> known = keys(PRICE_KEYS, own.toArray(String[]::new));
        if (bates) {
            known.addAll(List.of("lambda", "mu", "delta"));
        }
        m.onlyKeys(known);
        double s0 = m.number("s0", 100);
        double r = m.number("r", bates ? 0.05 : 0);
        double k = m.number("strike", 100);
        double t = m.number("t", bates ? 1 : 10);
        int steps = m.count("steps", bates ? 32 : 80);
        double v0 = m.number("v0", 0.04);
        double kappa = m.number("kappa", bates ? 2 : 0.5);
        double theta = m.number("theta", 0.04);
        double sigma = m.number("sigma", bates ? 0.5 : 1);
        double rho = m.number("rho", bates ? -0.7 : -0.9);
        String schemeName = m.word("scheme", "qe-m", List.of("qe-m", "qe", "full-truncation"));
        HestonScheme scheme = switch (schemeName) {
            case "qe" -> HestonScheme.QE;
            case "full-truncation" -> HestonScheme.FULL_TRUNCATION;
            default -> HestonScheme.QE_MARTINGALE;
        };
        Heston plain = checked(m, () -> Heston.of(s0, v0, r, 0, kappa, theta, sigma, rho));
        Heston model = plain;
        String jumpText = "";
        if (j != null) {
            if (j != m) {
                j.onlyKeys(j.name().equals("kou") ? Set.of("lambda", "p", "eta1", "eta2")
                        : Set.of("lambda", "mu", "delta"));
            }
            MarkLaw marks = marks(j, bates);
            double lambda = j.number("lambda", 1);
            if (!(lambda >= 0)) {
                throw j.refuse("lambda = " + g(lambda) + ": a jump intensity must be >= 0");
            }
            model = checked(j, () -> plain.withJumps(lambda, marks));
            jumpText = " with jumps λ " + g(lambda) + ", " + marks.name();
        }
        String d = (j != null ? "Bates" : "Heston") + " S0 " + g(s0) + ", V0 " + g(v0) + ", r " + g(r) + ", κ "
                + g(kappa) + ", θ " + g(theta) + ", σ " + g(sigma) + ", ρ " + g(rho) + jumpText + ": call K " + g(k)
                + ", T " + g(t) + ", " + scheme.label() + ", " + steps + " steps"
                + (plain.feller() ? "" : " (Feller fails)");
        Heston priced = model;
        FourierPricer.Price price = priced.call(k, t, FOURIER_TOLERANCE);
        return new ModelCase(j != null ? "bates" : "heston", d, "call", price.value(), price.errorEstimate(),
                "Fourier inversion (Albrecher et al. 2007)", 0, n -> HestonSimulator.callJob(priced, scheme, steps, t, k).paths(n));
    }

    private static MarkLaw marks(SpecText j, boolean bates) {
        if (j.name().equals("kou") && !bates) {
            double p = j.number("p", 0.3);
            double eta1 = j.number("eta1", 40);
            double eta2 = j.number("eta2", 12);
            return checked(j, () -> MarkLaws.doubleExponential(p, eta1, eta2));
        }
        if (!bates && !j.name().equals("merton")) {
            throw j.refuse("unknown jump law; the jumps are merton:lambda=L,mu=M,delta=D and"
                    + " kou:lambda=L,p=P,eta1=E1,eta2=E2");
        }
        double mu = j.number("mu", -0.1);
        double delta = j.number("delta", 0.15);
        return checked(j, () -> MarkLaws.normal(mu, delta));
    }

    static ModelCase cir(SpecText m) {
        m.onlyKeys(Set.of("kappa", "theta", "sigma", "x0", "t"));
        double kappa = m.number("kappa", 0.5);
        double theta = m.number("theta", 0.04);
        double sigma = m.number("sigma", 1);
        double x0 = m.number("x0", 0.04);
        double t = m.number("t", 1);
        Cir cir = checked(m, () -> Cir.of(kappa, theta, sigma));
        if (!(x0 >= 0) || !(t > 0)) {
            throw m.refuse(!(x0 >= 0) ? "x0 = " + g(x0) + ": a CIR state must be >= 0" : "t = " + g(t)
                    + ": must be positive");
        }
        String d = "CIR κ " + g(kappa) + ", θ " + g(theta) + ", σ " + g(sigma) + " from " + g(x0) + ": E[X_T], T "
                + g(t) + ", exact non-central χ² sampling" + (cir.feller() ? "" : " (Feller fails)");
        return new ModelCase("cir", d, "E[X_T]", cir.mean(x0, t), 0, "closed-form mean", 0,
                n -> PathAverageJob.of("cir exact " + cir + " from " + x0 + " to " + t, () -> {
                    KeyedStream s = new KeyedStream();
                    ContinuousSampler gauss = s.gaussian();
                    return (seed, path, out) -> {
                        s.reset(seed, path, 0x636972L);
                        out[0] = cir.sample(s, gauss, x0, t);
                    };
                }, "X_T").paths(n));
    }
}
