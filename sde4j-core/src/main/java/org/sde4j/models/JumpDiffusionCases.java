package org.sde4j.models;

import static org.sde4j.models.ModelCases.FOURIER_TOLERANCE;
import static org.sde4j.models.ModelCases.PRICE_KEYS;
import static org.sde4j.models.ModelCases.checked;
import static org.sde4j.models.ModelCases.g;
import static org.sde4j.models.ModelCases.keys;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.math.BlackScholes;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.mc.PathAverageJob;

/**
 * The cases of geometric Brownian motion, with or without jumps: {@code gbm} (Black–Scholes), {@code merton}
 * (Merton's 1976 series) and {@code kou} (Fourier inversion), solved by {@link JumpEnsemble}.
 */
final class JumpDiffusionCases {
    private JumpDiffusionCases() {
    }

    static ModelCase gbm(SpecText m) {
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

    static ModelCase jumpDiffusion(SpecText m, SpecText j, double defaultVol) {
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
}
