package org.sde4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsTextLeftAndNumbersRight() {
        String table = new Table("name", ">order", "note")
                .row("euler-maruyama", "0.5", "general")
                .row("milstein", "1.0", "")
                .render();
        assertEquals(String.join("\n",
                "name            order  note",
                "--------------  -----  -------",
                "euler-maruyama    0.5  general",
                "milstein          1.0",
                ""), table);
    }

    @Test
    void rejectsARowOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }

    @Test
    void formatsCompactNumbersAndDeviations() {
        assertEquals("0.001", Format.compact(0.001));
        assertEquals("0.25", Format.compact(0.25));
        assertEquals("0.333333", Format.compact(1.0 / 3));
        assertEquals("1.5e-07", Format.compact(1.5e-7));
        assertEquals("1.37280", Format.g6(1.3728005));
        assertEquals("[1.00000, 2.00000]", Format.vector(new double[] {1, 2}, Format::g6));
        assertEquals(-3.0, Format.deviation(new double[] {1, 0}, new double[] {0, 3}, new double[] {1, 1}));
    }
}
