package org.sde4j.models;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.jump.MarkLaw;
import org.sde4j.models.jump.MarkLaws;
import org.sde4j.models.levy.LevyModel;
import org.sde4j.models.levy.NormalInverseGaussian;
import org.sde4j.models.levy.VarianceGamma;
import org.sde4j.models.math.BlackScholes;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.math.Quadrature;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.stochvol.Cir;
import org.sde4j.models.stochvol.Heston;
import org.sde4j.models.stochvol.HestonScheme;
import org.sde4j.models.stochvol.HestonSimulator;
import org.sde4j.random.KeyedStream;

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
    private static final double FOURIER_TOLERANCE = 1e-8;
    private static final List<String> PRICE_KEYS = List.of("s0", "r", "strike", "t", "steps");

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
                case "gbm" -> b != null ? barrier(m, b, j) : j != null ? jumpDiffusion(m, j, 0.2) : gbm(m);
                case "merton" -> jumpDiffusion(m, m, 0.2);
                case "kou" -> jumpDiffusion(m, m, 0.16);
                case "heston" -> heston(m, j, false);
                case "bates" -> heston(m, m, true);
                case "cir" -> cir(m);
                case "vg", "nig" -> levy(m);
                case "down-and-out", "up-and-out" -> barrier(m, m, null);
                default -> throw m.refuse("unknown model; the models are " + String.join(", ", MODELS));
            };
        } catch (Quadrature.NotConvergedException e) {
            throw m.refuse("the Fourier integral of the reference price did not converge (" + e.getMessage()
                    + "), so there is no reference price");
        }
    }

    /** Rethrows a domain refusal of the library ("rho = 2.0: …") quoted by the setting whose key it was. */
    private static <T> T checked(SpecText spec, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw spec.refuse(e.getMessage());
        }
    }

    private static ModelCase gbm(SpecText m) {
        m.onlyKeys(keys(PRICE_KEYS, "sigma", "scheme"));
        double s0 = m.number("s0", 100);
        double r = m.number("r", 0.05);
        double sigma = m.number("sigma", 0.2);
        double k = m.number("strike", 100);
        double t = m.number("t", 1);
        int steps = m.count("steps", 32);
        JumpScheme scheme = jumpScheme(m);
        ExponentialJumpModel model = checked(m, () -> ExponentialJumpModel.merton(s0, r, sigma, 0, 0, 1));
        double reference = checked(m, () -> BlackScholes.call(s0, k, r, 0, sigma, t));
        String d = "GBM S0 " + g(s0) + ", r " + g(r) + ", σ " + g(sigma) + ": call K " + g(k) + ", T " + g(t) + ", "
                + scheme.label() + ", " + steps + " steps";
        return new ModelCase("gbm", d, "call", reference, 0, "Black–Scholes", 0,
                callJob(model, scheme, steps, k, r, t));
    }

    private static ModelCase jumpDiffusion(SpecText m, SpecText j, double defaultVol) {
        boolean kou = j.name().equals("kou");
        if (!kou && !j.name().equals("merton")) {
            throw j.refuse("unknown jump law; the jumps are merton:lambda=L,mu=M,delta=D (normal marks) and"
                    + " kou:lambda=L,p=P,eta1=E1,eta2=E2 (double-exponential marks)");
        }
        Set<String> markKeys = kou ? Set.of("lambda", "p", "eta1", "eta2") : Set.of("lambda", "mu", "delta");
        if (j == m) {
            Set<String> all = keys(PRICE_KEYS, "sigma", "scheme");
            all.addAll(markKeys);
            m.onlyKeys(all);
        } else {
            m.onlyKeys(keys(PRICE_KEYS, "sigma", "scheme"));
            j.onlyKeys(markKeys);
        }
        double s0 = m.number("s0", 100);
        double r = m.number("r", 0.05);
        double sigma = m.number("sigma", defaultVol);
        double k = m.number("strike", 100);
        double t = m.number("t", 1);
        int steps = m.count("steps", 32);
        JumpScheme scheme = jumpScheme(m);
        double lambda = j.number("lambda", kou ? 3 : 1);
        if (!(lambda >= 0)) {
            throw j.refuse("lambda = " + g(lambda) + ": a jump intensity must be >= 0");
        }
        ExponentialJumpModel model;
        double reference;
        double referenceError = 0;
        String marks;
        String source;
        if (kou) {
            double p = j.number("p", 0.3);
            double eta1 = j.number("eta1", 40);
            double eta2 = j.number("eta2", 12);
            if (!(p >= 0 && p <= 1)) {
                throw j.refuse("p = " + g(p) + ": the probability of an upward jump must lie in [0, 1]");
            }
            if (!(eta2 > 0)) {
                throw j.refuse("eta2 = " + g(eta2) + ": must be positive (the mean downward jump is 1/eta2)");
            }
            model = checked(j, () -> ExponentialJumpModel.kou(s0, r, sigma, lambda, p, eta1, eta2));
            FourierPricer.Price price = model.fourierCall(k, t, r, FOURIER_TOLERANCE);
            reference = price.value();
            referenceError = price.errorEstimate();
            marks = "ξ double exponential p " + g(p) + ", η₁ " + g(eta1) + ", η₂ " + g(eta2);
            source = "Fourier inversion";
        } else {
            double mu = j.number("mu", -0.1);
            double delta = j.number("delta", 0.15);
            if (!(delta >= 0)) {
                throw j.refuse("delta = " + g(delta) + ": the standard deviation of the marks must be >= 0");
            }
            model = checked(m, () -> ExponentialJumpModel.merton(s0, r, sigma, lambda, mu, delta));
            reference = checked(m, () -> model.mertonCall(k, t, r, mu, delta));
            marks = "ξ ~ N(" + g(mu) + ", " + g(delta) + "²)";
            source = "Merton (1976) series";
        }
        String name = kou ? "kou" : "merton";
        String d = (kou ? "Kou" : "Merton") + " jump diffusion S0 " + g(s0) + ", r " + g(r) + ", σ " + g(sigma)
                + ", λ " + g(lambda) + ", " + marks + ": call K " + g(k) + ", T " + g(t) + ", jump-adapted "
                + scheme.label() + ", " + steps + " steps";
        return new ModelCase(name, d, "call", reference, referenceError, source, 0,
                callJob(model, scheme, steps, k, r, t));
    }

    private static LongFunction<PathAverageJob> callJob(ExponentialJumpModel model, JumpScheme scheme, int steps,
            double strike, double rate, double expiry) {
        double discount = Math.exp(-rate * expiry);
        return n -> JumpEnsemble.of(model.jumpDiffusion(expiry), scheme).steps(steps)
                .values((x, out) -> out[0] = discount * Math.max(x[0] - strike, 0), "call").paths(n).job();
    }

    private static JumpScheme jumpScheme(SpecText m) {
        return m.word("scheme", "milstein", List.of("milstein", "euler")).equals("euler") ? JumpScheme.EULER_MARUYAMA
                : JumpScheme.MILSTEIN;
    }

    private static ModelCase heston(SpecText m, SpecText j, boolean bates) {
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

    private static ModelCase cir(SpecText m) {
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

    private static ModelCase levy(SpecText m) {
        boolean vg = m.name().equals("vg");
        m.onlyKeys(vg ? keys(PRICE_KEYS, "sigma", "nu", "theta") : keys(PRICE_KEYS, "alpha", "beta", "delta"));
        double s0 = m.number("s0", 100);
        double r = m.number("r", 0.05);
        double k = m.number("strike", 100);
        double t = m.number("t", 1);
        int steps = m.count("steps", 4);
        LevyModel model;
        String d;
        if (vg) {
            double sigma = m.number("sigma", 0.12);
            double nu = m.number("nu", 0.2);
            double theta = m.number("theta", -0.14);
            model = checked(m, () -> VarianceGamma.of(sigma, nu, theta));
            d = "Variance Gamma σ " + g(sigma) + ", ν " + g(nu) + ", θ " + g(theta);
        } else {
            double alpha = m.number("alpha", 15);
            double beta = m.number("beta", -5);
            double delta = m.number("delta", 0.5);
            model = checked(m, () -> NormalInverseGaussian.of(alpha, beta, delta));
            d = "NIG α " + g(alpha) + ", β " + g(beta) + ", δ " + g(delta);
        }
        FourierPricer.Price price = checked(m, () -> model.call(s0, k, r, 0, t, FOURIER_TOLERANCE));
        d += ": call S0 " + g(s0) + ", K " + g(k) + ", r " + g(r) + ", T " + g(t) + ", " + steps + " exact increments";
        return new ModelCase(m.name(), d, "call", price.value(), price.errorEstimate(), "Fourier inversion", 1,
                n -> LevyModel.job(model, steps, t, s0, r, new double[0], k).paths(n));
    }

    private static ModelCase barrier(SpecText m, SpecText b, SpecText jumps) {
        if (jumps != null) {
            throw b.refuse("a barrier applies to gbm without --jumps: the closed forms are for geometric Brownian"
                    + " motion");
        }
        String kind = b.name();
        if (!kind.equals("down-and-out") && !kind.equals("up-and-out")) {
            throw b.refuse("unknown barrier; the barriers are down-and-out:level=H and up-and-out:level=H"
                    + " (with monitoring=bridge or naive)");
        }
        boolean down = kind.equals("down-and-out");
        if (b == m) {
            m.onlyKeys(keys(PRICE_KEYS, "sigma", "level", "monitoring"));
        } else {
            m.onlyKeys(keys(PRICE_KEYS, "sigma"));
            b.onlyKeys(Set.of("level", "monitoring"));
        }
        double s0 = m.number("s0", 100);
        double r = m.number("r", 0.05);
        double sigma = m.number("sigma", down ? 0.3 : 0.2);
        double k = m.number("strike", 100);
        double t = m.number("t", 1);
        int steps = m.count("steps", 64);
        double level = b.number("level", down ? 90 : 130);
        boolean bridge = b.word("monitoring", "bridge", List.of("bridge", "naive")).equals("bridge");
        if (down ? !(level < s0) : !(level > s0)) {
            throw b.refuse("level = " + g(level) + ": " + (down ? "a down-and-out barrier must lie below s0 = "
                    : "an up-and-out barrier must lie above s0 = ") + g(s0));
        }
        double reference = checked(m, () -> down ? BarrierFormulas.downAndOutCall(s0, k, level, r, 0, sigma, t)
                : BarrierFormulas.upAndOutCall(s0, k, level, r, 0, sigma, t));
        double discount = Math.exp(-r * t);
        String d = (down ? "Down" : "Up") + "-and-out call, GBM S0 " + g(s0) + ", K " + g(k) + ", H " + g(level)
                + ", r " + g(r) + ", σ " + g(sigma) + ", T " + g(t) + ": Euler, " + steps + " steps, "
                + (bridge ? "Brownian-bridge" : "naive (grid-point)") + " monitoring";
        String quantity = bridge ? "call (bridge-monitored)" : "call (naive monitoring)";
        return new ModelCase(kind, d, quantity, reference, 0, "Merton (1973), Reiner–Rubinstein (1991)", bridge ? 1 : 0,
                n -> {
            BarrierStudy study = BarrierStudy.of((u, x) -> r * x, (u, x) -> sigma * x, s0, t);
            study = down ? study.lower(level) : study.upper(level);
            return study.payoff(x -> discount * Math.max(x - k, 0)).steps(steps).paths(n).job();
        });
    }

    private static Set<String> keys(List<String> base, String... more) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    /** A number as typed: 0.05, 100, 1e-4. */
    static String g(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
