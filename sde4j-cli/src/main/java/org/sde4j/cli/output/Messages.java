package org.sde4j.cli.output;

import java.nio.file.FileSystemException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the command line's error messages: one line, values cut to a readable length, and the library's
 * parameter names replaced by the options the user typed.
 */
public final class Messages {
    /** The longest run of non-blank characters echoed whole. */
    public static final int LONGEST_WORD = 120;
    /** The longest message printed whole. */
    public static final int LONGEST_MESSAGE = 600;

    private static final Pattern WORD = Pattern.compile("\\S{" + (LONGEST_WORD + 1) + ",}");

    private Messages() {
    }

    /** {@code value}, cut to {@value #LONGEST_WORD} characters with a note of its length when longer. */
    public static String cut(String value) {
        if (value == null || value.length() <= LONGEST_WORD) {
            return value;
        }
        return value.substring(0, LONGEST_WORD - 40) + "… (" + value.length() + " characters)";
    }

    /**
     * {@code message} on one line: line breaks folded, picocli's "Error: " dropped, each overlong word and the
     * whole message cut.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        line = line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
        Matcher m = WORD.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(cut(m.group())));
        }
        m.appendTail(sb);
        line = sb.toString();
        return line.length() <= LONGEST_MESSAGE ? line
                : line.substring(0, LONGEST_MESSAGE) + "… (" + line.length() + " characters)";
    }

    /** The reason of an I/O failure in a few words: the OS's reason for a file-system error, else the message. */
    public static String reason(Exception e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof java.nio.file.FileAlreadyExistsException) {
                return "already exists";
            }
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : oneLine(m);
    }

    /**
     * {@code message} with each parameter name of {@code options} that is followed by " = " or ":" (as the
     * library writes "paths = 0: …") replaced by its option ("--paths = 0: …").
     */
    public static String withOptions(String message, Map<String, String> options) {
        String m = message;
        for (Map.Entry<String, String> e : options.entrySet()) {
            m = m.replaceAll("(?<![\\w-])" + Pattern.quote(e.getKey()) + "(?= = |: )",
                    Matcher.quoteReplacement(e.getValue()));
        }
        return m;
    }
}
