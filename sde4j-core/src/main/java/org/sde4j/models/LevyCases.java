package org.sde4j.models;

import static org.sde4j.models.ModelCases.FOURIER_TOLERANCE;
import static org.sde4j.models.ModelCases.PRICE_KEYS;
import static org.sde4j.models.ModelCases.checked;
import static org.sde4j.models.ModelCases.g;
import static org.sde4j.models.ModelCases.keys;

import org.sde4j.models.ModelCatalog.ModelCase;
import org.sde4j.models.levy.LevyModel;
import org.sde4j.models.levy.NormalInverseGaussian;
import org.sde4j.models.levy.VarianceGamma;
import org.sde4j.models.math.FourierPricer;

/**
 * The Lévy cases {@code vg} and {@code nig}: calls by exact increments against Fourier inversion.
 */
final class LevyCases {
    private LevyCases() {
    }

    static ModelCase levy(SpecText m) {
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
}
