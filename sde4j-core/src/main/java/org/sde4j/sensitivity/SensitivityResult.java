package org.sde4j.sensitivity;

import java.util.Arrays;
import java.util.Locale;

/**
 * An expectation {@code E φ(X_T)} and its sensitivities, each with its standard error {@code s/√n}.
 *
 * @param method        how the sensitivities were computed
 * @param names         the directions: {@code θ} names then {@code x0[i]}
 * @param value         the mean of φ
 * @param valueError    its standard error
 * @param gradient      {@code ∂E φ/∂u} for each direction u
 * @param gradientError their standard errors
 * @param gamma         {@code ∂²E φ/∂x0²} (d = 1, pathwise method with Γ requested), else NaN
 * @param gammaError    its standard error, else NaN
 * @param paths         the number of paths
 * @param seconds       the wall time of the run
 */
public record SensitivityResult(String method, String[] names, double value, double valueError, double[] gradient,
        double[] gradientError, double gamma, double gammaError, long paths, double seconds) {

    /** The index of direction {@code name}. */
    public int index(String name) {
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("direction \"" + name + "\": not one of " + Arrays.toString(names));
    }

    /** {@code ∂E φ/∂name}. */
    public double gradient(String name) {
        return gradient[index(name)];
    }

    /** Its standard error. */
    public double gradientError(String name) {
        return gradientError[index(name)];
    }

    /** Same numbers, bit for bit (the wall time aside). */
    public boolean sameBits(SensitivityResult other) {
        return Double.compare(value, other.value) == 0 && Double.compare(valueError, other.valueError) == 0
                && Arrays.equals(gradient, other.gradient) && Arrays.equals(gradientError, other.gradientError)
                && Double.compare(gamma, other.gamma) == 0 && Double.compare(gammaError, other.gammaError) == 0
                && paths == other.paths;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s, %d paths, %.3f s%n  value %.6g ± %.2g%n",
                method, paths, seconds, value, valueError));
        for (int j = 0; j < names.length; j++) {
            b.append(String.format(Locale.ROOT, "  d/d%-10s %.6g ± %.2g%n", names[j], gradient[j], gradientError[j]));
        }
        if (!Double.isNaN(gamma)) {
            b.append(String.format(Locale.ROOT, "  gamma        %.6g ± %.2g%n", gamma, gammaError));
        }
        return b.toString();
    }
}
