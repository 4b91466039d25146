package org.sde4j.cli.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The one way the command line writes a file: the bytes go to a fresh temporary file in the target's directory,
 * which is then moved over the target (atomically where the file system allows). A reader sees the old file or
 * the new one, never a torn one; the temporary file is deleted when anything fails, so no {@code *.tmp} is left
 * behind; a symbolic link to the target is kept (the file it points to is replaced, not the link).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code text} in UTF-8. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code chart} as a PNG (drawn headless). */
    public static void writePng(Path target, Chart<?, ?> chart) throws IOException {
        System.setProperty("java.awt.headless", "true");
        write(target, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Writes {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path real = resolveLinks(target.toAbsolutePath());
        Path dir = real.getParent();
        Path temporary = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The file a path names once symbolic links are followed (the path itself when it does not exist yet).
     *
     * @throws IOException for a loop of links
     */
    public static Path resolveLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
            Path link = Files.readSymbolicLink(p);
            p = p.resolveSibling(link).normalize();
        }
        if (Files.isSymbolicLink(p)) {
            throw new IOException(path + ": a loop of symbolic links");
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p.toRealPath() : p;
    }
}
