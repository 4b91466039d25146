package org.sde4j.cli;

import java.util.Locale;
import java.util.function.DoubleFunction;

/** Number formatting shared by the commands; always {@link Locale#ROOT}, so output never depends on the locale. */
public final class Format {
    private Format() {
    }

    /** {@code String.format} in the root locale. */
    public static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** A vector with each component formatted by {@code component}: bare for d = 1, {@code [a, b]} otherwise. */
    public static String vector(double[] values, DoubleFunction<String> component) {
        if (values.length == 1) {
            return component.apply(values[0]);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i > 0 ? ", " : "").append(component.apply(values[i]));
        }
        return sb.append(']').toString();
    }

    /** Six significant digits. */
    public static String g6(double value) {
        return f("%.6g", value);
    }

    /** At most six significant digits, without trailing zeros: 0.001, 0.333333, 1.5e-07. */
    public static String compact(double value) {
        String s = f("%.6g", value);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** Two significant digits. */
    public static String g2(double value) {
        return f("%.2g", value);
    }

    /**
     * The deviation {@code (mean − exact) / se} per component, or its largest magnitude (with sign) for
     * d > 1; NaN when a standard error is zero.
     */
    public static double deviation(double[] mean, double[] exact, double[] standardError) {
        double worst = 0;
        for (int i = 0; i < mean.length; i++) {
            double z = (mean[i] - exact[i]) / standardError[i];
            if (Double.isNaN(z) || Math.abs(z) > Math.abs(worst)) {
                worst = z;
            }
            if (Double.isNaN(z)) {
                break;
            }
        }
        return worst;
    }

    /** A wall time: "0.123 s". */
    public static String seconds(double value) {
        return f("%.3f s", value);
    }
}
