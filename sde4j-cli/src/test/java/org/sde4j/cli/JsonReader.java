package org.sde4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sde4j.notebook.NotebookJson;

/**
 * The JSON the CLI prints, read for tests with {@link NotebookJson}'s strict parser: objects become
 * {@link LinkedHashMap}s (key order kept), arrays {@link List}s, every number a {@link Double}, {@code null} null.
 */
public final class JsonReader {
    private JsonReader() {
    }

    /** Parses one JSON object filling all of {@code text} (surrounding whitespace allowed). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object value = NotebookJson.parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return (Map<String, Object>) doubles(value);
    }

    /** The same value with every number as a Double. */
    private static Object doubles(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, doubles(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(doubles(v)));
            return copy;
        }
        return value;
    }
}
