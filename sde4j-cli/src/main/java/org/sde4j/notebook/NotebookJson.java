package org.sde4j.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of Jupyter notebooks (RFC 8259), read into plain Java values and written back in the layout
 * Jupyter itself uses (one-space indentation, a final newline), so a notebook executed by sde4j differs from
 * its previous version only where its outputs changed.
 *
 * <p>Objects are {@link LinkedHashMap}s (member order kept), arrays {@link List}s, strings, booleans and
 * {@code null} themselves; a number without fraction or exponent is a {@link Long}, any other a
 * {@link Double}. Reading is strict: duplicate keys, trailing input, bad escapes and malformed numbers are
 * {@link IllegalArgumentException}s naming the offset.
 */
public final class NotebookJson {
    private final String text;
    private int pos;

    private NotebookJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value filling all of {@code text} (surrounding whitespace allowed). */
    public static Object parse(String text) {
        NotebookJson r = new NotebookJson(text);
        r.skipSpace();
        Object value = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return value;
    }

    /** {@code value} as indented JSON text with a final newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.append('\n').toString();
    }

    /**
     * A JSON string literal, quotes included, escaped as RFC 8259 requires (and U+2028, U+2029, which
     * JavaScript rejects in literals); {@code null} for a null value.
     */
    public static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // Other control characters, and the line separators JavaScript rejects in literals.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static void write(Object value, StringBuilder sb, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            sb.append(string(s));
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            sb.append(value);
        } else if (value instanceof Number n) {
            sb.append(Double.isFinite(n.doubleValue()) ? Double.toString(n.doubleValue()) : "null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            String sep = "\n";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sep).append(" ".repeat(indent + 1)).append(string(String.valueOf(e.getKey())))
                        .append(": ");
                write(e.getValue(), sb, indent + 1);
                sep = ",\n";
            }
            sb.append('\n').append(" ".repeat(indent)).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            String sep = "\n";
            for (Object o : list) {
                sb.append(sep).append(" ".repeat(indent + 1));
                write(o, sb, indent + 1);
                sep = ",\n";
            }
            sb.append('\n').append(" ".repeat(indent)).append(']');
        } else {
            throw new IllegalArgumentException("value of " + value.getClass().getName()
                    + ": must be a map, list, string, number, boolean or null");
        }
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{':
                return objectValue();
            case '[':
                return arrayValue();
            case '"':
                return stringValue();
            default:
                if (text.startsWith("null", pos)) {
                    pos += 4;
                    return null;
                }
                if (text.startsWith("true", pos)) {
                    pos += 4;
                    return Boolean.TRUE;
                }
                if (text.startsWith("false", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                return number();
        }
    }

    private Map<String, Object> objectValue() {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = stringValue();
            skipSpace();
            expect(':');
            skipSpace();
            if (map.containsKey(key)) {
                throw error("duplicate key " + key);
            }
            map.put(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> arrayValue() {
        List<Object> list = new ArrayList<>();
        expect('[');
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String stringValue() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("raw control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("bad \\u escape");
                    }
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String s = text.substring(start, pos);
        if (!s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            pos = start;
            throw error("bad value '" + (s.isEmpty() ? String.valueOf(text.charAt(start)) : s) + "'");
        }
        if (s.matches("-?[0-9]{1,18}")) {
            return Long.valueOf(s);
        }
        return Double.valueOf(s);
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
    }
}
