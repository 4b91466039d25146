package org.sde4j.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.sde4j.cli.JsonReader;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\"", Json.string("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.string("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u2028\"", Json.string("\u0000\u001f\u2028"));
        assertEquals("\"Itô θ √h\"", Json.string("Itô θ √h"));
        assertEquals("null", Json.string(null));
    }

    @Test
    void escapedStringsReadBackUnchanged() {
        String nasty = "quote \" backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007 Itô";
        Map<String, Object> o = JsonReader.object(Json.object().put("s", nasty).build());
        assertEquals(nasty, o.get("s"));
    }

    @Test
    void numbersRoundTripAndNonFiniteBecomesNull() {
        assertEquals("0.1", Json.number(0.1));
        assertEquals("1.0E-300", Json.number(1e-300));
        assertEquals("null", Json.number(Double.NaN));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY));
        assertEquals("[1.5,null,-2.0]", Json.array(new double[] {1.5, Double.NEGATIVE_INFINITY, -2}));
        double x = 1.3728005075084582;
        assertEquals(x, (Double) JsonReader.object(Json.object().put("x", x).build()).get("x"));
    }

    @Test
    void objectKeepsKeyOrderOnOneLine() {
        String line = Json.object().put("b", "x").put("a", 3L).put("c", 2.5).put("d", true)
                .putVector("one", new double[] {4}).putVector("two", new double[] {1, Double.NaN}).build();
        assertEquals("{\"b\":\"x\",\"a\":3,\"c\":2.5,\"d\":true,\"one\":4.0,\"two\":[1.0,null]}", line);
        Map<String, Object> o = JsonReader.object(line);
        assertEquals(List.of("b", "a", "c", "d", "one", "two"), List.copyOf(o.keySet()));
        assertNull(((List<?>) o.get("two")).get(1));
        assertEquals("{}", Json.object().build());
    }
}
