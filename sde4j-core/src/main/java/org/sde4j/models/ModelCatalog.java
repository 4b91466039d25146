package org.sde4j.models;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.sde4j.models.mc.PathAverageJob;

/**
 * The models' part of the problem library: named reference cases, each with a closed-form, series or Fourier
 * reference value and a Monte Carlo job that estimates it (value {@link ModelCase#valueIndex()} of the job's
 * averages). {@code tour} shows {@link #cases()}; {@code solve --model SPEC [--jumps SPEC] [--barrier SPEC]} runs
 * {@link #of}.
 *
 * <table>
 * <caption>The cases (every key has the default shown; T in years)</caption>
 * <tr><th>name</th><th>keys and defaults</th><th>reference</th></tr>
 * <tr><td>gbm</td><td>s0=100, r=0.05, sigma=0.2, strike=100, t=1, steps=32, scheme=milstein|euler</td>
 *     <td>Black–Scholes</td></tr>
 * <tr><td>merton</td><td>gbm's, and lambda=1, mu=−0.1, delta=0.15 (ξ ~ N(mu, delta²))</td><td>Merton's (1976)
 *     series</td></tr>
 * <tr><td>kou</td><td>gbm's with sigma=0.16, and lambda=3, p=0.3, eta1=40, eta2=12</td><td>Fourier</td></tr>
 * <tr><td>heston</td><td>s0=100, v0=0.04, r=0, kappa=0.5, theta=0.04, sigma=1, rho=−0.9, strike=100, t=10, steps=80,
 *     scheme=qe-m|qe|full-truncation (Andersen's case I)</td><td>Fourier (Albrecher et al. 2007)</td></tr>
 * <tr><td>bates</td><td>heston's with r=0.05, kappa=2, sigma=0.5, rho=−0.7, t=1, steps=32, and lambda=1, mu=−0.1,
 *     delta=0.15</td><td>Fourier</td></tr>
 * <tr><td>cir</td><td>kappa=0.5, theta=0.04, sigma=1, x0=0.04, t=1: E[X_T] by exact sampling</td><td>closed-form
 *     mean</td></tr>
 * <tr><td>vg</td><td>s0=100, r=0.05, strike=100, t=1, steps=4, sigma=0.12, nu=0.2, theta=−0.14</td>
 *     <td>Fourier</td></tr>
 * <tr><td>nig</td><td>the same with alpha=15, beta=−5, delta=0.5</td><td>Fourier</td></tr>
 * <tr><td>down-and-out</td><td>gbm's with sigma=0.3, steps=64, and level=90, monitoring=bridge|naive</td>
 *     <td>Merton (1973), Reiner–Rubinstein (1991)</td></tr>
 * <tr><td>up-and-out</td><td>gbm's with level=130</td><td>the same</td></tr>
 * </table>
 *
 * <p>Jumps {@code merton:lambda=L,mu=M,delta=D} or {@code kou:lambda=L,p=P,eta1=E1,eta2=E2} turn gbm into Merton's
 * or Kou's model and heston into Bates' model; a barrier {@code down-and-out:level=H[,monitoring=naive]} or
 * {@code up-and-out:level=H} turns gbm into a barrier option.
 */
public final class ModelCatalog {
    private ModelCatalog() {
    }

    /**
     * A reference case.
     *
     * @param name           a short name
     * @param description    the model, its parameters and the quantity
     * @param quantity       what is estimated: "call" (discounted), "X_T" (the mean of the state)
     * @param reference      the reference value
     * @param referenceError the quadrature's error estimate of a Fourier reference (0 for closed forms and series)
     * @param source         where the reference comes from
     * @param valueIndex     the index of the estimate among the job's values
     * @param job            the Monte Carlo job for a number of paths
     */
    public record ModelCase(String name, String description, String quantity, double reference, double referenceError, String source,
            int valueIndex, LongFunction<PathAverageJob> job) {
    }

    /** The model names {@link #of} knows. */
    public static List<String> models() {
        return ModelCases.MODELS;
    }

    /** The catalogued cases, every model with its defaults. */
    public static List<ModelCase> cases() {
        return List.of(of("merton"), of("kou"), of("cir"), of("heston"), of("bates"), of("vg"), of("nig"),
                of("down-and-out"), of("up-and-out"));
    }

    /** The case of that name, with its defaults. */
    public static ModelCase byName(String name) {
        if (!ModelCases.MODELS.contains(name)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "model = %s: not a catalogued case; known:"
                    + " %s", name, ModelCases.MODELS));
        }
        return of(name);
    }

    /** The case of a model specification {@code name[:key=value,…]} (see the table). */
    public static ModelCase of(String model) {
        return of(model, null, null);
    }

    /**
     * The case of a model with optional jumps and barrier.
     *
     * @param model   {@code name[:key=value,…]}
     * @param jumps   null, or {@code merton:…} / {@code kou:…} (on gbm or heston)
     * @param barrier null, or {@code down-and-out:level=H[,monitoring=bridge|naive]} / {@code up-and-out:…} (on gbm)
     * @throws IllegalArgumentException one line, "model = 'text': key = value: why" (or jumps, barrier), for an
     *                                  unknown name or key, a value outside its domain, a combination without a
     *                                  closed form, or a Fourier reference whose integral did not converge
     */
    public static ModelCase of(String model, String jumps, String barrier) {
        return ModelCases.build(model, jumps, barrier);
    }
}
