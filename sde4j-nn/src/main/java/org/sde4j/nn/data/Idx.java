package org.sde4j.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files of unsigned bytes (LeCun's MNIST format, also used by Fashion-MNIST), raw or
 * gzip-compressed (detected by the gzip magic {@code 1f 8b}).
 *
 * <p>Layout: magic {@code 00 00 08 D} (type 0x08 = unsigned byte, D = number of dimensions), D big-endian
 * int32 sizes, then the product of the sizes in bytes. Images are {@code 00 00 08 03} with sizes
 * {@code count, rows, cols}; labels are {@code 00 00 08 01} with size {@code count}. Every check failure —
 * wrong magic, wrong dimensions, a count that disagrees, a truncated file, trailing bytes, a corrupt gzip
 * stream — throws {@link IdxFormatException} naming the file and the problem; nothing is returned half-read.
 */
public final class Idx {
    private Idx() {
    }

    /** Images of an IDX file: {@code count × rows × cols} unsigned bytes. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** The file was unreadable or not a valid IDX file of the expected kind. */
    public static final class IdxFormatException extends IllegalStateException {
        IdxFormatException(Object source, String problem) {
            super(source + ": " + problem);
        }

        IdxFormatException(Object source, String problem, Throwable cause) {
            super(source + ": " + problem, cause);
        }
    }

    /**
     * Reads an image file, checking its magic (2051, {@code 00 00 08 03}), its sizes against
     * {@code rows × cols} and its length.
     */
    public static Images readImages(Path file, int rows, int cols) {
        return readImages(file, bytes(file), rows, cols);
    }

    /**
     * Reads an image file from a stream (raw or gzip), for example a class-path resource; {@code name} names it
     * in error messages. The stream is read to its end, not closed.
     */
    public static Images readImages(String name, InputStream in, int rows, int cols) {
        return readImages(name, bytes(name, in), rows, cols);
    }

    /** Reads a label file from a stream (raw or gzip); {@code name} names it in error messages. */
    public static byte[] readLabels(String name, InputStream in, int classes) {
        return readLabels(name, bytes(name, in), classes);
    }

    private static Images readImages(Object file, byte[] raw, int rows, int cols) {
        byte[] b = inflate(file, raw);
        int[] dims = header(file, b, 3);
        if (dims[1] != rows || dims[2] != cols) {
            throw new IdxFormatException(file, "images are " + dims[1] + "×" + dims[2] + ", expected " + rows + "×"
                    + cols);
        }
        byte[] pixels = body(file, b, 16, (long) dims[0] * rows * cols);
        return new Images(dims[0], rows, cols, pixels);
    }

    /** Reads a label file (magic 2049, {@code 00 00 08 01}), checking every label is below {@code classes}. */
    public static byte[] readLabels(Path file, int classes) {
        return readLabels(file, bytes(file), classes);
    }

    private static byte[] readLabels(Object file, byte[] raw, int classes) {
        byte[] b = inflate(file, raw);
        int[] dims = header(file, b, 1);
        byte[] labels = body(file, b, 8, dims[0]);
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i] & 0xff;
            if (y >= classes) {
                throw new IdxFormatException(file, "label " + i + " is " + y + ", expected 0.." + (classes - 1));
            }
        }
        return labels;
    }

    private static int[] header(Object file, byte[] b, int rank) {
        int headerLength = 4 + 4 * rank;
        if (b.length < 4) {
            throw new IdxFormatException(file, "truncated: " + b.length + " bytes, shorter than the magic number");
        }
        if (b[0] != 0 || b[1] != 0 || b[2] != 0x08 || b[3] != rank) {
            throw new IdxFormatException(file, String.format("wrong magic number %02x %02x %02x %02x, expected"
                    + " 00 00 08 %02x (unsigned bytes, %d dimension%s)", b[0], b[1], b[2], b[3], rank, rank,
                    rank == 1 ? "" : "s"));
        }
        if (b.length < headerLength) {
            throw new IdxFormatException(file, "truncated: " + b.length + " bytes, shorter than the "
                    + headerLength + "-byte header");
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            int o = 4 + 4 * d;
            dims[d] = ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
            if (dims[d] <= 0) {
                throw new IdxFormatException(file, "dimension " + d + " is " + dims[d] + ", must be positive");
            }
        }
        return dims;
    }

    private static byte[] body(Object file, byte[] b, int offset, long expected) {
        long actual = b.length - offset;
        if (actual < expected) {
            throw new IdxFormatException(file, "truncated: header promises " + expected + " data bytes, file has "
                    + actual);
        }
        if (actual > expected) {
            throw new IdxFormatException(file, (actual - expected) + " bytes after the " + expected
                    + " data bytes the header promises");
        }
        byte[] out = new byte[(int) expected];
        System.arraycopy(b, offset, out, 0, out.length);
        return out;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IdxFormatException(file, "cannot be read (" + e + ")", e);
        }
    }

    private static byte[] bytes(String name, InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IdxFormatException(name, "cannot be read (" + e + ")", e);
        }
    }

    /** The bytes themselves, or their inflation when they start with the gzip magic. */
    private static byte[] inflate(Object file, byte[] raw) {
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                in.transferTo(out);
                return out.toByteArray();
            } catch (ZipException e) {
                throw new IdxFormatException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new IdxFormatException(file, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
        return raw;
    }
}
