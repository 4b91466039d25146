package org.sde4j.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;

/**
 * A file a command writes (a document, plot, checkpoint): a path checked before the work starts. Its directory
 * must exist or be creatable and take a new file (checked by creating and deleting one), the path must not be a
 * directory or a special file, and an existing file must be writable. A symbolic link is followed, so that the
 * file it points to is written and the link kept. Writing goes through {@link AtomicFile}.
 */
public final class OutputFile implements OutputTarget {
    private final Path path;
    private Path target;

    public OutputFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The path as the user gave it. */
    public Path path() {
        return path;
    }

    /** The file written: the path with its links followed (prepared first when needed). */
    public Path target() {
        if (target == null) {
            prepare("output");
        }
        return target;
    }

    @Override
    public void prepare(String option) {
        Path absolute = path.toAbsolutePath().normalize();
        String what = option + " = " + Messages.cut(path.toString()) + ": ";
        Path real;
        try {
            real = AtomicFile.resolveLinks(absolute);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + "cannot be followed (" + Messages.reason(e) + ")");
        }
        if (Files.isDirectory(real)) {
            throw new IllegalArgumentException(what + "is a directory; give a file name");
        }
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(real)) {
            throw new IllegalArgumentException(what + "is not a regular file");
        }
        if (Files.exists(real) && !Files.isWritable(real)) {
            throw new IllegalArgumentException(what + "is not writable");
        }
        OutputDirectory.ensure(real.getParent(), what);
        target = real;
    }

    /** Writes {@code text} (UTF-8) atomically. */
    public void write(String text) throws IOException {
        AtomicFile.write(target(), text);
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Picocli's converter: wraps the path, checked later by {@link #prepare}. */
    public static final class Converter implements ITypeConverter<OutputFile> {
        @Override
        public OutputFile convert(String value) {
            return new OutputFile(Path.of(value));
        }
    }
}
