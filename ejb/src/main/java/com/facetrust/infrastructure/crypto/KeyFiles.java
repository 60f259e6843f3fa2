package com.facetrust.infrastructure.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** File operations for key material: owner-only permissions, atomic writes, overwrite-before-delete. */
final class KeyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    static void restrictToOwner(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    static void createPrivateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrictToOwner(dir);
        }
    }

    /** Writes to a temporary file in the same directory, forces it to disk and moves it into place atomically. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".key", ".tmp");
        try {
            restrictToOwner(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Overwrites the file with random bytes, forces that to disk, then deletes it. On journaling, copy-on-write or
     * flash storage an overwrite is not guaranteed to reach the old blocks; the wrapped key is still useless without
     * the KEK, and the architecture note says how backups and KEK rotation close the rest.
     */
    static void shred(Path file) throws IOException {
        // Move it out of its slot first: from this instant readers see "no such key" (TEMPLATE_KEY_DESTROYED),
        // never a half-overwritten file (which would read as tampering).
        Path doomed = file.resolveSibling(file.getFileName() + ".shredding");
        try {
            Files.move(file, doomed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.NoSuchFileException alreadyGone) {
            if (!Files.exists(doomed)) {
                return;
            }
            // an earlier shred was interrupted after the move: finish it
        }
        long size = Files.size(doomed);
        try (FileChannel channel = FileChannel.open(doomed, StandardOpenOption.WRITE)) {
            byte[] noise = new byte[(int) Math.min(size, 4096)];
            long written = 0;
            while (written < size) {
                RANDOM.nextBytes(noise);
                int n = (int) Math.min(noise.length, size - written);
                channel.write(ByteBuffer.wrap(noise, 0, n), written);
                written += n;
            }
            channel.force(true);
        }
        Files.delete(doomed);
    }
}
