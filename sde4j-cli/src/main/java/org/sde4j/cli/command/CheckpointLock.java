package org.sde4j.cli.command;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sde4j.cli.output.OutputFile;

/**
 * An exclusive lock of a checkpoint for the length of a run: a lock on the file {@code .NAME.lock} beside the
 * checkpoint (the checkpoint itself is replaced by a rename at every save, so it cannot carry the lock). A second
 * run on the same checkpoint, in this JVM or another, is refused instead of racing the first. The lock file is
 * deleted when the run ends.
 */
final class CheckpointLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalArgumentException when another run holds the checkpoint, or the lock file cannot be made
     */
    static CheckpointLock acquire(OutputFile checkpoint) throws IOException {
        Path target = checkpoint.target();
        Path file = target.resolveSibling("." + target.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException("--checkpoint = " + checkpoint + ": another run is using it (" + file
                    + " is locked); wait for it or choose another file");
        }
        return new CheckpointLock(file, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
