package org.sde4j.cli.output;

import org.sde4j.notebook.NotebookJson;

/**
 * A minimal JSON writer for the command line's machine-readable output: one object on one line,
 * keys in insertion order. Strings are escaped as RFC 8259 requires; doubles are written with
 * {@link Double#toString(double)} (round-trip exact), and NaN or infinite values as {@code null},
 * since JSON has no literal for them.
 *
 * <pre>{@code
 * String line = Json.object().put("problem", "gbm").put("mean", 1.37).put("paths", 1000).build();
 * // {"problem":"gbm","mean":1.37,"paths":1000}
 * }</pre>
 */
public final class Json {
    private Json() {
    }

    /** Starts an object. */
    public static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** A JSON string literal, quotes included ({@link NotebookJson#string}, one escaping for both). */
    public static String string(String value) {
        return NotebookJson.string(value);
    }

    /** A JSON number, or {@code null} when {@code value} is NaN or infinite. */
    public static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    /** A JSON array of numbers (non-finite entries as {@code null}). */
    public static String array(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(number(values[i]));
        }
        return sb.append(']').toString();
    }

    /** Builds one JSON object; {@link #build()} returns it on one line. Not thread-safe. */
    public static final class ObjectBuilder {
        private final StringBuilder sb = new StringBuilder("{");

        private ObjectBuilder() {
        }

        /** Adds a string member. */
        public ObjectBuilder put(String key, String value) {
            return raw(key, string(value));
        }

        /** Adds an integer member. */
        public ObjectBuilder put(String key, long value) {
            return raw(key, Long.toString(value));
        }

        /** Adds a number member ({@code null} when not finite). */
        public ObjectBuilder put(String key, double value) {
            return raw(key, number(value));
        }

        /** Adds a boolean member. */
        public ObjectBuilder put(String key, boolean value) {
            return raw(key, Boolean.toString(value));
        }

        /** Adds an array of numbers. */
        public ObjectBuilder put(String key, double[] values) {
            return raw(key, array(values));
        }

        /** Adds an array of integers. */
        public ObjectBuilder put(String key, int[] values) {
            StringBuilder a = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                a.append(i > 0 ? "," : "").append(values[i]);
            }
            return raw(key, a.append(']').toString());
        }

        /**
         * Adds a vector the way the CLI reports states: a number when it has one component, an array
         * otherwise.
         */
        public ObjectBuilder putVector(String key, double[] values) {
            return values.length == 1 ? put(key, values[0]) : put(key, values);
        }

        /** Adds a nested object. */
        public ObjectBuilder put(String key, ObjectBuilder value) {
            return raw(key, value.build());
        }

        private ObjectBuilder raw(String key, String json) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(string(key)).append(':').append(json);
            return this;
        }

        /** The object, on one line. */
        public String build() {
            return sb + "}";
        }

        @Override
        public String toString() {
            return build();
        }
    }
}
