package org.sde4j.sensitivity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sde4j.gradient.ParametricSde;

/**
 * The named models of {@link GreeksRecipe}, with their default parameters: Black–Scholes GBM in log space with the
 * maturity as a parameter, and log-Heston with full truncation. Both are declared Itô.
 */
final class GreeksCatalog {
    private GreeksCatalog() {
    }

    /** The names of the models. */
    static final List<String> PROBLEMS = List.of("gbm", "heston");

    /** The names of the functionals. */
    static final List<String> FUNCTIONALS = List.of("european-call", "digital-call");

    /** The default parameters of {@code problem}, in the order the model reads them. */
    static Map<String, Double> defaults(String problem) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (problem.equals("gbm")) {
            // Giles' (2008) GBM, the problem of `sde4j estimate`.
            m.put("s0", 1.0);
            m.put("r", 0.05);
            m.put("sigma", 0.2);
            m.put("T", 1.0);
        } else {
            m.put("s0", 1.0);
            m.put("v0", 0.04);
            m.put("r", 0.03);
            m.put("kappa", 1.5);
            m.put("theta", 0.04);
            m.put("xi", 0.3);
            m.put("rho", -0.7);
            m.put("T", 1.0);
        }
        return m;
    }

    /**
     * GBM in log space on the unit interval with the maturity among the parameters, θ = (r, σ, T), Itô: with t = sT,
     * {@code dY = T (r − σ²/2) ds + √T σ dW_s}, so that Θ = −∂V/∂T is a parameter derivative. Euler–Maruyama is exact
     * for it.
     */
    static final ParametricSde LOG_GBM_MATURITY = new ParametricSde() {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[2] * (th[0] - 0.5 * th[1] * th[1]);
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = Math.sqrt(th[2]) * th[1];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[0] += v[0] * th[2];
            dth[1] -= v[0] * th[2] * th[1];
            dth[2] += v[0] * (th[0] - 0.5 * th[1] * th[1]);
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[1] += v[0] * Math.sqrt(th[2]);
            dth[2] += v[0] * th[1] * 0.5 / Math.sqrt(th[2]);
        }
    };

    /**
     * A call or cash-or-nothing digital on {@code exp(x_0)} discounted by {@code e^{−θ_0 θ_2}} (rate θ_0, maturity
     * θ_2): the payoff of {@link #LOG_GBM_MATURITY}.
     */
    static Payoff maturityPayoff(double strike, boolean digital) {
        String name = (digital ? "digital" : "call") + "(K = " + strike + ", log state)";
        return Payoff.named(name, !digital, (x, th, dx, dth) -> {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dth, 0);
            double s = Math.exp(x[0]);
            double discount = Math.exp(-th[0] * th[2]);
            double value = s > strike ? discount * (digital ? 1 : s - strike) : 0;
            if (!digital && s > strike) {
                dx[0] = discount * s;
            }
            dth[0] = -th[2] * value;
            dth[2] = -th[0] * value;
            return value;
        });
    }
}
