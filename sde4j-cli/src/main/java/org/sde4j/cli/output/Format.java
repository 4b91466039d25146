package org.sde4j.cli.output;

import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one formatting path of the command line's numbers: always {@link Locale#ROOT}, so output never depends on
 * the locale, and never "NaN" or "Infinity": a statistic that could not be formed is printed as the words
 * {@value #NOT_AVAILABLE}. Commands format through {@link #f} (an architecture test forbids {@code String.format}
 * and {@code printf} in them).
 */
public final class Format {
    /** What is printed in place of a number that is NaN or infinite. */
    public static final String NOT_AVAILABLE = "n/a";

    /** A format specifier: %[index$][flags][width][.precision]conversion. */
    private static final Pattern SPECIFIER = Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)(\\d+)?(\\.\\d+)?([tT]?[a-zA-Z%])");

    private Format() {
    }

    /**
     * {@code String.format} in the root locale, with every NaN or infinite {@code double} or {@code float}
     * argument printed as {@value #NOT_AVAILABLE} (in the specifier's width).
     */
    public static String f(String pattern, Object... args) {
        boolean any = false;
        for (Object a : args) {
            any |= !finite(a);
        }
        if (!any) {
            return String.format(Locale.ROOT, pattern, args);
        }
        Object[] copy = args.clone();
        StringBuilder p = new StringBuilder();
        Matcher m = SPECIFIER.matcher(pattern);
        int next = 0;
        while (m.find()) {
            String conversion = m.group(5);
            String replacement = m.group();
            if (!conversion.equals("%") && !conversion.equals("n")) {
                int index = m.group(1) != null ? Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1)) - 1
                        : next++;
                if (index >= 0 && index < copy.length && !finite(copy[index])) {
                    copy[index] = NOT_AVAILABLE;
                    String flags = m.group(2).contains("-") ? "-" : "";
                    replacement = "%" + (m.group(1) == null ? "" : m.group(1)) + flags
                            + (m.group(3) == null ? "" : m.group(3)) + "s";
                }
            }
            m.appendReplacement(p, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(p);
        return String.format(Locale.ROOT, p.toString(), copy);
    }

    /** Prints {@link #f}{@code (pattern, args)} on {@code out}. */
    public static void printf(java.io.PrintWriter out, String pattern, Object... args) {
        out.print(f(pattern, args));
    }

    private static boolean finite(Object a) {
        return !(a instanceof Double d && !Double.isFinite(d)) && !(a instanceof Float x && !Float.isFinite(x));
    }

    /**
     * "mean ± sd" of a sample (sample standard deviation) with {@code pattern} for both, or the mean alone with
     * "(one run: no sd)" when there is one value.
     */
    public static String meanSd(double[] v, String pattern) {
        double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length < 2) {
            return f(pattern, m) + " (one run: no sd)";
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return f(pattern + " ± " + pattern, m, Math.sqrt(ss / (v.length - 1)));
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

    /** A signed deviation in standard errors, "+1.23", or "n/a (zero standard error)". */
    public static String signed(double z) {
        return Double.isNaN(z) ? NOT_AVAILABLE + " (zero standard error)" : f("%+.2f", z);
    }

    /** A wall time: "0.123 s". */
    public static String seconds(double value) {
        return f("%.3f s", value);
    }
}
