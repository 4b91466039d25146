package org.sde4j.cli.output;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine.ITypeConverter;

/**
 * A Markdown document whose marked sections a command rewrites ({@code <!-- experiment:NAME begin -->} …
 * {@code <!-- experiment:NAME end -->}), with its PNG plots in {@code img/} beside it. Prepared before the work:
 * the document's directory must exist (a command run outside the checkout does not create {@code docs/} and
 * {@code img/} wherever it is), the document must be writable, and {@code img/} is created and checked.
 */
public final class DocumentFile implements OutputTarget {
    private final OutputFile file;
    private Path images;

    public DocumentFile(Path path) {
        file = new OutputFile(Objects.requireNonNull(path, "path"));
    }

    /** The path as the user gave it. */
    public Path path() {
        return file.path();
    }

    @Override
    public void prepare(String option) {
        Path parent = file.path().toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " = " + Messages.cut(file.path().toString()) + ": the directory "
                    + Messages.cut(String.valueOf(parent)) + " does not exist (run from the sde4j checkout, or give "
                    + option + " FILE in an existing directory)");
        }
        file.prepare(option);
        Path img = file.target().resolveSibling("img");
        OutputDirectory.ensure(img, option + " = " + Messages.cut(file.path().toString()) + ": ");
        images = img;
    }

    /** The directory of the plots, {@code img/} beside the document. */
    public Path images() {
        if (images == null) {
            prepare("output");
        }
        return images;
    }

    /** Writes {@code chart} as {@code img/NAME}; returns the file. */
    public Path writePng(String name, Chart<?, ?> chart) throws IOException {
        Path png = images().resolve(name);
        AtomicFile.writePng(png, chart);
        return png;
    }

    /**
     * Replaces section {@code name} of the document with {@code body} (appending the section when absent, creating
     * the document with {@code title} when missing), atomically.
     */
    public void writeSection(String name, String body, String title) throws IOException {
        Path target = file.target();
        String text;
        if (Files.exists(target)) {
            try {
                byte[] bytes = Files.readAllBytes(target);
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(target + " is not UTF-8 text", e);
            }
        } else {
            text = title + "\n";
        }
        AtomicFile.write(target, section(text, name, body));
    }

    /** {@code text} with section {@code name} set to {@code body}. */
    public static String section(String text, String name, String body) {
        String begin = "<!-- experiment:" + name + " begin -->";
        String end = "<!-- experiment:" + name + " end -->";
        String section = begin + "\n" + body + end;
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            return text.substring(0, i) + section + text.substring(j + end.length());
        }
        return text + (text.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
    }

    @Override
    public String toString() {
        return file.path().toString();
    }

    /** Picocli's converter: wraps the path, checked later by {@link #prepare}. */
    public static final class Converter implements ITypeConverter<DocumentFile> {
        @Override
        public DocumentFile convert(String value) {
            return new DocumentFile(Path.of(value));
        }
    }
}
