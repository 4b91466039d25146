package org.sde4j.nn.train;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import org.sde4j.nn.Tensor;

/**
 * Training checkpoints: a fingerprint of the run's configuration, the number of finished epochs, and a list
 * of float tensors (parameters, running statistics, optimizer state), saved atomically and loaded with
 * validation.
 *
 * <p>Format (big-endian): {@code "SDE4JCKP"}, int version (1), UTF fingerprint, int epochs, int tensor count,
 * per tensor an int size and its floats, then the CRC-32 of all preceding bytes as a long. Saving writes a
 * temporary file in the same directory, forces it to disk and renames it over the target (atomically where
 * the file system allows), so a crash leaves either the old or the new checkpoint, never a torn one.
 * Loading checks the magic, version, fingerprint, tensor count and sizes, and checksum before copying
 * anything into the live tensors.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "SDE4JCKP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    /** A checkpoint that cannot be used: unreadable, corrupt, or of another run. */
    public static final class CheckpointException extends IllegalStateException {
        CheckpointException(Path file, String problem) {
            super("checkpoint " + file + ": " + problem);
        }
    }

    /** Saves atomically. */
    public static void save(Path file, String fingerprint, int epochs, List<Tensor> tensors) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(epochs);
            out.writeInt(tensors.size());
            for (Tensor t : tensors) {
                out.writeInt(t.size());
                ByteBuffer buf = ByteBuffer.allocate(4 * t.size());
                buf.asFloatBuffer().put(t.data());
                out.write(buf.array());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path abs = file.toAbsolutePath();
            Path dir = abs.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer all = ByteBuffer.wrap(bytes.toByteArray());
                    while (all.hasRemaining()) {
                        ch.write(all);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint " + file + ": cannot be written (" + e + ")", e);
        }
    }

    /**
     * Loads into {@code tensors} (all or nothing) and returns the number of finished epochs.
     *
     * @throws CheckpointException when the file is unreadable, corrupt, or does not match the fingerprint or
     *                             the tensors' sizes
     */
    public static int load(Path file, String fingerprint, List<Tensor> tensors) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e + ")");
        }
        if (b.length < MAGIC.length + 8 || !java.util.Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointException(file, "not an sde4j checkpoint (bad magic)");
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        long stored = ByteBuffer.wrap(b, b.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new CheckpointException(file, "checksum mismatch (truncated or corrupt file)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b, 0, b.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException(file, "version " + version + ", expected " + VERSION);
            }
            String fp = in.readUTF();
            if (!fp.equals(fingerprint)) {
                throw new CheckpointException(file, "made by another configuration (" + fp + "), this run is "
                        + fingerprint);
            }
            int epochs = in.readInt();
            if (epochs < 0) {
                throw new CheckpointException(file, "epochs = " + epochs + ", must be at least 0 (corrupt file)");
            }
            int count = in.readInt();
            if (count != tensors.size()) {
                throw new CheckpointException(file, count + " tensors, expected " + tensors.size());
            }
            float[][] read = new float[count][];
            for (int i = 0; i < count; i++) {
                int size = in.readInt();
                if (size != tensors.get(i).size()) {
                    throw new CheckpointException(file, "tensor " + i + " has " + size + " values, expected "
                            + tensors.get(i).size());
                }
                byte[] raw = in.readNBytes(4 * size);
                if (raw.length != 4 * size) {
                    throw new CheckpointException(file, "truncated in tensor " + i);
                }
                read[i] = new float[size];
                ByteBuffer.wrap(raw).asFloatBuffer().get(read[i]);
            }
            if (in.available() > 0) {
                throw new CheckpointException(file, in.available() + " bytes after the last tensor (corrupt file)");
            }
            for (int i = 0; i < count; i++) {
                System.arraycopy(read[i], 0, tensors.get(i).data(), 0, read[i].length);
            }
            return epochs;
        } catch (IOException e) {
            throw new CheckpointException(file, "truncated or corrupt (" + e + ")");
        }
    }
}
