package org.sde4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sde4j.cli.output.Messages;

/**
 * Argument files, {@code sde4j solve @FILE}: each argument {@code @FILE} is replaced by the arguments written in
 * FILE, separated by white space, a quoted argument ({@code "…"} or {@code '…'}) kept whole, and lines starting
 * with {@code #} ignored. Bounded and checked, unlike picocli's own expansion (which is off): FILE must be a
 * regular file of at most {@value #MAX_BYTES} bytes of UTF-8 text, and may not name other argument files. So
 * {@code @/dev/zero} is refused at once instead of read for ever, and {@code @/tmp} gets one line, not a stack
 * trace.
 */
final class ArgumentFiles {
    /** The largest argument file read. */
    static final int MAX_BYTES = 64 * 1024;

    private ArgumentFiles() {
    }

    /**
     * {@code args} with every {@code @FILE} expanded.
     *
     * @throws IllegalArgumentException naming the file when it cannot be used
     */
    static String[] expand(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.length() > 1 && a.startsWith("@")) {
                out.addAll(read(a));
            } else {
                out.add(a);
            }
        }
        return out.toArray(String[]::new);
    }

    private static List<String> read(String argument) {
        String name = argument.substring(1);
        String what = "argument file " + Messages.cut(argument) + ": ";
        Path file;
        try {
            file = Path.of(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + "not a valid path");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + (Files.isDirectory(file) ? "is a directory"
                    : Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(what + "larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + "cannot be read (" + Messages.reason(e) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(what + "larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + "not UTF-8 text");
        }
        List<String> tokens = tokens(text, what);
        for (String t : tokens) {
            if (t.length() > 1 && t.startsWith("@")) {
                throw new IllegalArgumentException(what + "names another argument file, " + Messages.cut(t)
                        + "; argument files do not nest");
            }
        }
        return tokens;
    }

    /** The arguments of {@code text}: white-space separated, quotes keep an argument whole, # lines ignored. */
    static List<String> tokens(String text, String what) {
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            StringBuilder current = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        current.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    current = current == null ? new StringBuilder() : current;
                } else if (Character.isWhitespace(c)) {
                    if (current != null) {
                        tokens.add(current.toString());
                        current = null;
                    }
                } else {
                    current = current == null ? new StringBuilder() : current;
                    current.append(c);
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException(what + "a quote is not closed on its line");
            }
            if (current != null) {
                tokens.add(current.toString());
            }
        }
        return tokens;
    }
}
