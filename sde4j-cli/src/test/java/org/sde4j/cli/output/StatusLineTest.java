package org.sde4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static String run(boolean interactive, boolean asked) {
        StringWriter text = new StringWriter();
        try (StatusLine line = new StatusLine(new PrintWriter(text), interactive, asked)) {
            line.accept("mlmc: 3 levels, 3072 samples, 0.2 s");
            line.accept("mlmc: 4 levels, 9 s");
        }
        return text.toString();
    }

    @Test
    void onATerminalEachStatusRedrawsTheLineAndCloseEndsIt() {
        String s = run(true, false);
        String pad = " ".repeat("mlmc: 3 levels, 3072 samples, 0.2 s".length() - "mlmc: 4 levels, 9 s".length());
        assertEquals("\rmlmc: 3 levels, 3072 samples, 0.2 s\rmlmc: 4 levels, 9 s" + pad + System.lineSeparator(), s);
    }

    @Test
    void elsewhereOneLinePerStatusWhenAskedAndNothingOtherwise() {
        assertEquals("mlmc: 3 levels, 3072 samples, 0.2 s" + System.lineSeparator() + "mlmc: 4 levels, 9 s"
                + System.lineSeparator(), run(false, true));
        assertEquals("", run(false, false));
        assertFalse(new StatusLine(new PrintWriter(new StringWriter()), false, false).enabled());
        assertTrue(new StatusLine(new PrintWriter(new StringWriter()), false, true).enabled());
    }
}
