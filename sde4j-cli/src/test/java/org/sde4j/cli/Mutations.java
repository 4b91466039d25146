package org.sde4j.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations for fuzz tests: one to four edits of a valid input (a bit flip, an interesting byte or
 * token, an insertion, a deletion, a duplicated or swapped span, a truncation). The same seed gives the
 * same mutant, so a failing case is reproduced from the seed the test prints.
 */
public final class Mutations {
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, 0x08, 0x03, 0x1f, (byte) 0x8b};
    private static final String[] INTERESTING_TEXT = {"", "0", "-0", "1", "-1", "1e309", "-1e309", "NaN", "null",
        "true", "\"", "\\", "\\u", "\\ud800", "{", "}", "[", "]", ",", ":", "\u0000", "\n", "1.", ".5", "01", "1e",
        "\"a\":1", "9223372036854775808", "-", "é", "\uD83D\uDE00"};

    private Mutations() {
    }

    /** A mutant of {@code base} (never {@code base} itself unless every edit cancels out). */
    public static byte[] bytes(byte[] base, SplittableRandom r) {
        byte[] b = base.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int n = b.length;
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (n > 0) {
                        b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (n > 0) {
                        b[r.nextInt(n)] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                    }
                }
                case 2 -> b = insert(b, r.nextInt(n + 1), new byte[] {(byte) r.nextInt(256)});
                case 3 -> {
                    if (n > 0) {
                        int at = r.nextInt(n);
                        int len = 1 + r.nextInt(Math.min(8, n - at));
                        b = remove(b, at, len);
                    }
                }
                case 4 -> b = Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
                case 5 -> {
                    if (n > 0) {
                        int at = r.nextInt(n);
                        int len = 1 + r.nextInt(Math.min(16, n - at));
                        b = insert(b, r.nextInt(n + 1), Arrays.copyOfRange(b, at, at + len));
                    }
                }
                default -> {
                    if (n >= 4) {
                        int at = r.nextInt(n - 3);
                        // a big-endian int field set to an edge value
                        int[] edges = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24, 65536};
                        int v = edges[r.nextInt(edges.length)];
                        b[at] = (byte) (v >>> 24);
                        b[at + 1] = (byte) (v >>> 16);
                        b[at + 2] = (byte) (v >>> 8);
                        b[at + 3] = (byte) v;
                    }
                }
            }
        }
        return b;
    }

    /** A mutant of {@code base}: character-level edits and inserted JSON-ish tokens. */
    public static String text(String base, SplittableRandom r) {
        StringBuilder s = new StringBuilder(base);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int n = s.length();
            switch (r.nextInt(6)) {
                case 0 -> {
                    if (n > 0) {
                        s.deleteCharAt(r.nextInt(n));
                    }
                }
                case 1 -> s.insert(r.nextInt(n + 1), INTERESTING_TEXT[r.nextInt(INTERESTING_TEXT.length)]);
                case 2 -> {
                    if (n > 0) {
                        s.setCharAt(r.nextInt(n), (char) (32 + r.nextInt(95)));
                    }
                }
                case 3 -> s.setLength(n == 0 ? 0 : r.nextInt(n));
                case 4 -> {
                    if (n > 0) {
                        int at = r.nextInt(n);
                        int len = 1 + r.nextInt(Math.min(40, n - at));
                        s.insert(r.nextInt(n + 1), s.substring(at, at + len));
                    }
                }
                default -> {
                    byte[] raw = s.toString().getBytes(StandardCharsets.UTF_8);
                    s = new StringBuilder(new String(bytes(raw, r), StandardCharsets.UTF_8));
                }
            }
        }
        return s.toString();
    }

    /**
     * A mutant of an argument vector: tokens deleted, duplicated, swapped, or replaced by one of
     * {@code vocabulary}.
     */
    public static String[] arguments(String[] base, String[] vocabulary, SplittableRandom r) {
        List<String> a = new ArrayList<>(Arrays.asList(base));
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int n = a.size();
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (n > 0) {
                        a.remove(r.nextInt(n));
                    }
                }
                case 1 -> {
                    if (n > 0) {
                        a.add(r.nextInt(n + 1), a.get(r.nextInt(n)));
                    }
                }
                case 2 -> {
                    if (n > 1) {
                        int i = r.nextInt(n);
                        int j = r.nextInt(n);
                        String t = a.get(i);
                        a.set(i, a.get(j));
                        a.set(j, t);
                    }
                }
                case 3 -> {
                    if (n > 0) {
                        a.set(r.nextInt(n), vocabulary[r.nextInt(vocabulary.length)]);
                    }
                }
                default -> a.add(r.nextInt(n + 1), vocabulary[r.nextInt(vocabulary.length)]);
            }
        }
        return a.toArray(String[]::new);
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    private static byte[] remove(byte[] b, int at, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }
}
