package org.sde4j.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: a header row, a dashed rule, then the rows, columns separated by two
 * spaces. Numeric columns are right-aligned, text columns left-aligned; trailing spaces are trimmed.
 * Widths count {@code char}s, which is right for the Latin, Greek and mathematical symbols sde4j prints.
 */
public final class Table {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param headers column headers; a header starting with {@code '>'} marks a right-aligned column
     *                (the marker is not printed)
     */
    public Table(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells: the table has "
                    + headers.length + " columns " + Arrays.toString(headers));
        }
        rows.add(cells.clone());
        return this;
    }

    /** The number of rows added. */
    public int size() {
        return rows.size();
    }

    /** The table, each line ending in {@code '\n'}. */
    public String render() {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        String[] rule = new String[headers.length];
        for (int c = 0; c < rule.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        line(sb, rule, widths);
        for (String[] row : rows) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
