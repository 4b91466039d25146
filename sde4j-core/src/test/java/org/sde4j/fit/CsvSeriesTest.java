package org.sde4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The CSV reader parses numbers and dates, filters rows, and names the line or lists the columns on bad input. */
class CsvSeriesTest {
    private static TimeSeries read(String text, String time, String value, String filter) {
        return CsvSeries.read(new StringReader(text), "data.csv", time, value, filter);
    }

    private static String error(String text, String time, String value, String filter) {
        return assertThrows(IllegalArgumentException.class, () -> read(text, time, value, filter)).getMessage();
    }

    @Test
    void readsNumbersDatesAndFilters() {
        TimeSeries s = read("symbol,date,price\nA,Jan 1 2000,1.5\nB,Jan 1 2000,9\nA,Feb 1 2000,2\nA,Mar 1 2000,2.5\n",
                "date", "price", "symbol=A");
        assertEquals(3, s.size());
        assertEquals(java.time.LocalDate.of(2000, 1, 1).toEpochDay(), s.time(0));
        assertEquals(31, s.time(1) - s.time(0));
        assertEquals(2.5, s.value(2));
        TimeSeries hourly = read("date,temp\n2010/01/01 00:00,39.4\n2010/01/01 01:00,39.2\n2010/01/01 02:00,39\n",
                null, "temp", null);
        assertEquals(1.0 / 24, hourly.time(1) - hourly.time(0), 1e-9);
        TimeSeries plain = read("t,x\n0,1\n0.5,2\n1,3\n", "t", "x", null);
        assertEquals(0.5, plain.time(1));
    }

    @Test
    void errorsNameTheLineOrListTheColumns() {
        String missingColumn = error("t,x\n0,1\n1,2\n2,3\n", "t", "price", null);
        assertTrue(missingColumn.contains("no column 'price'") && missingColumn.contains("t, x"), missingColumn);
        String missingTime = error("t,x\n0,1\n,2\n2,3\n", "t", "x", null);
        assertTrue(missingTime.contains("line 3") && missingTime.contains("missing"), missingTime);
        String nonNumericTime = error("t,x\n0,1\nsoon,2\n2,3\n", "t", "x", null);
        assertTrue(nonNumericTime.contains("line 3") && nonNumericTime.contains("'soon'"), nonNumericTime);
        String notIncreasing = error("t,x\n0,1\n2,2\n1,3\n", "t", "x", null);
        assertTrue(notIncreasing.contains("line 4") && notIncreasing.contains("does not increase"), notIncreasing);
        String badValue = error("t,x\n0,1\n1,abc\n2,3\n", "t", "x", null);
        assertTrue(badValue.contains("line 3") && badValue.contains("'abc'"), badValue);
        String missingValue = error("t,x\n0,1\n1,\n2,3\n", "t", "x", null);
        assertTrue(missingValue.contains("line 3") && missingValue.contains("x is missing"), missingValue);
        String ragged = error("t,x\n0,1\n1\n2,3\n", "t", "x", null);
        assertTrue(ragged.contains("line 3"), ragged);
        String badFilter = error("t,x\n0,1\n1,2\n2,3\n", "t", "x", "nope");
        assertTrue(badFilter.contains("COLUMN=VALUE"), badFilter);
    }

    /** Bytes that are not UTF-8 (here Latin-1 "é") are refused naming their line, not a decoder's stack trace. */
    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheLine() {
        byte[] bytes = "t,x\n0,1\n1,2\n2,caf\u00e9\n3,4\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.io.Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                java.nio.charset.StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvSeries.read(reader, "latin1.csv", "t", "x", null));
        assertTrue(e.getMessage().contains("latin1.csv line 4: not UTF-8"), e.getMessage());
    }
}
