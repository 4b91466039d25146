package org.sde4j.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and the Fashion-MNIST directory loader on small files written by the test. */
class IdxTest {
    @TempDir
    Path dir;

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] labels(int count, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsRawAndGzipIdentically() throws IOException {
        byte[] raw = images(3, 2, 4);
        Idx.Images a = Idx.readImages(write("a-idx3-ubyte", raw), 2, 4);
        Idx.Images b = Idx.readImages(write("b-idx3-ubyte.gz", gzip(raw)), 2, 4);
        assertEquals(3, a.count());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals((byte) (5 * 7), a.pixels()[5]);
        byte[] y = Idx.readLabels(write("l.gz", gzip(labels(5, 3))), 3);
        assertArrayEquals(new byte[] {0, 1, 2, 0, 1}, y);
    }

    @Test
    void rejectsWrongMagicNamingFileAndBytes() throws IOException {
        Path f = write("swapped", labels(4, 2));
        Idx.IdxFormatException e = assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(f, 2, 2));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong magic number 00 00 08 01, expected 00 00 08 03"), e.getMessage());
    }

    @Test
    void rejectsTruncatedRawAndGzipFiles() throws IOException {
        byte[] raw = images(3, 2, 2);
        byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 1);
        Path f = write("cut", cut);
        String m = assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(f, 2, 2)).getMessage();
        assertTrue(m.contains("truncated: header promises 12 data bytes, file has 11"), m);
        byte[] gz = gzip(raw);
        Path g = write("cut.gz", java.util.Arrays.copyOf(gz, gz.length - 6));
        m = assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(g, 2, 2)).getMessage();
        assertTrue(m.startsWith(g.toString()) && m.contains("gzip"), m);
        Path h = write("header", java.util.Arrays.copyOf(raw, 10));
        m = assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(h, 2, 2)).getMessage();
        assertTrue(m.contains("shorter than the 16-byte header"), m);
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] gz = gzip(images(2, 2, 2));
        gz[gz.length / 2] ^= 0x55;
        gz[gz.length / 2 + 1] ^= 0x33;
        Path f = write("bad.gz", gz);
        String m = assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(f, 2, 2)).getMessage();
        assertTrue(m.startsWith(f.toString()), m);
    }

    @Test
    void rejectsWrongDimensionsTrailingBytesAndBadLabels() throws IOException {
        Path f = write("dims", images(2, 3, 3));
        assertTrue(assertThrows(Idx.IdxFormatException.class, () -> Idx.readImages(f, 28, 28)).getMessage()
                .contains("images are 3×3, expected 28×28"));
        byte[] longer = java.util.Arrays.copyOf(labels(3, 2), 8 + 5);
        Path g = write("long", longer);
        assertTrue(assertThrows(Idx.IdxFormatException.class, () -> Idx.readLabels(g, 2)).getMessage()
                .contains("2 bytes after the 3 data bytes"));
        Path h = write("labels", labels(12, 12));
        assertTrue(assertThrows(Idx.IdxFormatException.class, () -> Idx.readLabels(h, 10)).getMessage()
                .contains("label 10 is 10, expected 0..9"));
        ByteBuffer zero = ByteBuffer.allocate(8).putInt(0x00000801).putInt(0);
        Path z = write("zero", zero.array());
        assertTrue(assertThrows(Idx.IdxFormatException.class, () -> Idx.readLabels(z, 10)).getMessage()
                .contains("dimension 0 is 0"));
    }

    @Test
    void loadsAFashionMnistDirectoryOfMixedRawAndGzipFiles() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(images(6, 28, 28)));
        write("train-labels-idx1-ubyte", labels(6, 10));
        write("t10k-images-idx3-ubyte", images(2, 28, 28));
        write("t10k-labels-idx1-ubyte.gz", gzip(labels(2, 10)));
        FashionMnist.Split s = FashionMnist.load(dir);
        assertEquals(6, s.train().size());
        assertEquals(2, s.test().size());
        assertEquals((7 & 0xff) / 255f, s.train().images()[1]);
        assertEquals(5, s.train().labels()[5]);
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsRejected() throws IOException {
        write("train-images-idx3-ubyte", images(6, 28, 28));
        write("train-labels-idx1-ubyte", labels(5, 10));
        String m = assertThrows(Idx.IdxFormatException.class, () -> FashionMnist.load(dir)).getMessage();
        assertTrue(m.contains("5 labels for 6 images"), m);
    }

    @Test
    void missingDataSaysHowToGetIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FashionMnist.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
