package org.sde4j.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One specification {@code name[:key=value,…]} as the user typed it for a setting ({@code model}, {@code jumps},
 * {@code barrier}): its name, its keys read as numbers or words with defaults, and refusals that quote the setting,
 * the text and the key, in one line ("jumps = 'merton:lambda=-1': lambda = -1.0: …").
 */
final class SpecText {
    private final String setting;
    private final String text;
    private final String name;
    private final Map<String, String> keys = new LinkedHashMap<>();

    private SpecText(String setting, String text) {
        this.setting = setting;
        this.text = text;
        String[] parts = text.split(":", 2);
        this.name = parts[0].trim().toLowerCase(Locale.ROOT);
        if (parts.length == 2 && !parts[1].isBlank()) {
            for (String kv : parts[1].split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw refuse("'" + kv + "' is not key=value");
                }
                String key = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                if (keys.put(key, kv.substring(eq + 1).trim()) != null) {
                    throw refuse(key + " given twice");
                }
            }
        }
    }

    /** Parses {@code text} given for {@code setting}. */
    static SpecText parse(String setting, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(setting + " = '" + text + "': empty; give name[:key=value,...]");
        }
        return new SpecText(setting, text.trim());
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    String setting() {
        return setting;
    }

    /** The number of {@code key}, or the default when absent. */
    double number(String key, double fallback) {
        String v = keys.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw refuse(key + " = " + v + ": must be finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw refuse(key + " = " + v + ": not a number");
        }
    }

    /** The positive integer of {@code key}, or the default. */
    int count(String key, int fallback) {
        double d = number(key, fallback);
        if (d < 1 || d > 1e7 || d != Math.rint(d)) {
            throw refuse(key + " = " + keys.get(key) + ": must be a whole number from 1 to 10^7");
        }
        return (int) d;
    }

    /** The word of {@code key} (lower case), which must be one of {@code allowed}; or the default. */
    String word(String key, String fallback, List<String> allowed) {
        String v = keys.getOrDefault(key, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw refuse(key + " = " + v + ": must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** Refuses keys outside {@code known}, listing them. */
    void onlyKeys(Set<String> known) {
        for (String k : keys.keySet()) {
            if (!known.contains(k)) {
                throw refuse("unknown key '" + k + "'; the keys of " + name + " are " + String.join(", ", known));
            }
        }
    }

    /** A refusal quoting the setting and the text: "setting = 'text': reason". */
    IllegalArgumentException refuse(String reason) {
        return new IllegalArgumentException(setting + " = '" + text + "': " + reason);
    }
}
