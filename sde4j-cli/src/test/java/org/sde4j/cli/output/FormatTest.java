package org.sde4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one formatting path never prints NaN or Infinity (issue 28, class 4). */
class FormatTest {
    @Test
    void nonFiniteArgumentsPrintAsWordsInTheirWidth() {
        assertEquals("n/a ± 1.0000", Format.f("%.4f ± %.4f", Double.NaN, 1.0));
        assertEquals("     n/a|", Format.f("%8.3f|", Double.POSITIVE_INFINITY));
        assertEquals("n/a     |", Format.f("%-8.3e|", Double.NEGATIVE_INFINITY));
        assertEquals("x n/a 3", Format.f("%2$s %1$.2f %3$d", Double.NaN, "x", 3));
        assertEquals("5% 2.50 n/a%n", Format.f("%d%% %.2f %s%%n", 5, 2.5, Float.NaN).replace("\n", "%n"));
        assertEquals("1,234 n/a", Format.f("%,d %g", 1234, Double.NaN));
    }

    @Test
    void finiteArgumentsAreFormattedAsStringFormatDoes() {
        assertEquals(String.format(java.util.Locale.ROOT, "%+.2f %8.3e %-5s|%,d", -1.234, 12345.678, "ab", 1234567),
                Format.f("%+.2f %8.3e %-5s|%,d", -1.234, 12345.678, "ab", 1234567));
    }

    @Test
    void statisticsThatCannotBeFormedAreSaidInWords() {
        assertEquals("0.8000 (one run: no sd)", Format.meanSd(new double[] {0.8}, "%.4f"));
        assertEquals("0.5000 ± 0.7071", Format.meanSd(new double[] {0, 1}, "%.4f"));
        assertEquals("n/a (zero standard error)", Format.signed(Format.deviation(new double[] {1}, new double[] {1},
                new double[] {0})));
        assertEquals("+1.50", Format.signed(1.5));
    }
}
