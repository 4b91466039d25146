package org.sde4j.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link TimeSeries} from comma-separated text with a header line. The time column holds numbers, or
 * dates ({@code 2010-01-31}, {@code 2010/01/31}, {@code Jan 31 2010}) optionally followed by a time of day
 * ({@code 2010/01/01 13:00}, {@code 2010-01-01T13:00}), which become days since 1970-01-01. Fields are split
 * at commas (no quoted commas); surrounding quotes and spaces are dropped. Errors name the line (the header
 * is line 1) or, for a missing column, list the columns.
 */
public final class CsvSeries {
    private static final DateTimeFormatter[] DATE_TIMES = {
        DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT),
        DateTimeFormatter.ISO_LOCAL_DATE_TIME,
    };
    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.ISO_LOCAL_DATE,
        DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT),
        DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH),
    };

    private CsvSeries() {
    }

    /**
     * @param source      the text (closed by this method)
     * @param sourceName  the file's name, for messages
     * @param timeColumn  the time column's name, or null for the first column named date, time or t (any case),
     *                    else the first column
     * @param valueColumn the value column's name
     * @param filter      {@code COLUMN=VALUE}: keep only rows whose COLUMN equals VALUE; or null
     * @throws IllegalArgumentException naming the line of a missing, non-numeric or non-increasing time or a
     *                                  bad value, or listing the columns when one is missing
     * @throws UncheckedIOException     when the source cannot be read
     */
    public static TimeSeries read(Reader source, String sourceName, String timeColumn, String valueColumn,
            String filter) {
        int[] reading = {1};
        try (BufferedReader in = new BufferedReader(source)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(sourceName + ": empty; expected a header line");
            }
            checkDecoded(header, sourceName, 1);
            List<String> columns = Arrays.stream(header.split(",", -1)).map(CsvSeries::clean).toList();
            int time = timeColumn == null ? defaultTimeColumn(columns) : column(columns, timeColumn, sourceName);
            int value = column(columns, valueColumn, sourceName);
            int filterColumn = -1;
            String filterValue = null;
            if (filter != null) {
                int eq = filter.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("filter = '" + filter + "': expected COLUMN=VALUE");
                }
                filterColumn = column(columns, filter.substring(0, eq).trim(), sourceName);
                filterValue = filter.substring(eq + 1).trim();
            }
            List<double[]> rows = new ArrayList<>();
            String line;
            int number = 1;
            double last = Double.NEGATIVE_INFINITY;
            while ((line = readLine(in, reading, number + 1)) != null) {
                number++;
                checkDecoded(line, sourceName, number);
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns.size()) {
                    throw new IllegalArgumentException(sourceName + " line " + number + ": " + fields.length
                            + " fields, the header has " + columns.size());
                }
                if (filterColumn >= 0 && !clean(fields[filterColumn]).equals(filterValue)) {
                    continue;
                }
                double t = parseTime(clean(fields[time]), columns.get(time), sourceName, number);
                if (!(t > last)) {
                    throw new IllegalArgumentException(sourceName + " line " + number + ": time '"
                            + clean(fields[time]) + "' does not increase (the previous row's is not earlier)");
                }
                last = t;
                rows.add(new double[] {t, parseNumber(clean(fields[value]), columns.get(value), sourceName, number)});
            }
            if (rows.size() < 3) {
                throw new IllegalArgumentException(sourceName + ": " + rows.size() + " rows"
                        + (filter == null ? "" : " where " + filter) + "; at least 3 are needed");
            }
            double[] t = new double[rows.size()];
            double[] x = new double[rows.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rows.get(i)[0];
                x[i] = rows.get(i)[1];
            }
            return new TimeSeries(valueColumn + (filter == null ? "" : " (" + filter + ")"), t, x);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(sourceName + " near line " + reading[0] + ": not UTF-8 text (save the"
                    + " file as UTF-8)");
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code line} holds U+FFFD, the character a decoder puts in place of
     *                                  bytes that are not UTF-8
     */
    private static void checkDecoded(String line, String sourceName, int number) {
        if (line.indexOf('\uFFFD') >= 0) {
            throw new IllegalArgumentException(sourceName + " line " + number + ": not UTF-8 text (bytes that do not"
                    + " decode; save the file as UTF-8)");
        }
    }

    /** The next line, noting its number in {@code reading[0]} first (for a decoding error's message). */
    private static String readLine(BufferedReader in, int[] reading, int number) throws IOException {
        reading[0] = number;
        return in.readLine();
    }

    /** The first column named date, time or t (any case), else the first column. */
    private static int defaultTimeColumn(List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (List.of("date", "time", "t").contains(columns.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return 0;
    }

    private static int column(List<String> columns, String name, String sourceName) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(sourceName + ": no column '" + name + "'; the columns are "
                    + String.join(", ", columns));
        }
        return index;
    }

    private static String clean(String field) {
        String s = field.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    private static double parseNumber(String field, String column, String sourceName, int line) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(sourceName + " line " + line + ": " + column + " is missing");
        }
        try {
            double v = Double.parseDouble(field);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sourceName + " line " + line + ": " + column + " = '" + field
                    + "' is not a finite number");
        }
    }

    /** A number, or a date (time) as days since 1970-01-01. */
    static double parseTime(String field, String column, String sourceName, int line) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(sourceName + " line " + line + ": time (" + column + ") is missing");
        }
        try {
            double v = Double.parseDouble(field);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // not a number: try dates below
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                LocalDateTime dt = LocalDateTime.parse(field, f);
                return dt.toLocalDate().toEpochDay() + dt.toLocalTime().toSecondOfDay() / 86400.0;
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(field, f).toEpochDay();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        throw new IllegalArgumentException(sourceName + " line " + line + ": time (" + column + ") = '" + field
                + "' is neither a number nor a date (2010-01-31, 2010/01/31 13:00, Jan 31 2010)");
    }
}
