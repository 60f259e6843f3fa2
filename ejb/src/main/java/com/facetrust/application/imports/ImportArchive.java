package com.facetrust.application.imports;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An import archive read entirely in memory — never unpacked to disk (A-7.2a: images never land on disk) — under
 * limits that defeat zip bombs: the archive's own size (checked by the caller before reading), the number of entries,
 * each entry's and the total uncompressed size, and each entry's compression ratio. Sizes are counted while
 * inflating, never taken from the (forgeable) headers. Names must be flat ({@code [A-Za-z0-9._-]}, no paths), each
 * once. {@link #wipe()} zeroes every entry.
 */
final class ImportArchive implements AutoCloseable {

    /** The limits; see {@code facetrust.import.*} in {@link ImportSettings}. */
    record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
    }

    private final Map<String, byte[]> entries;

    private ImportArchive(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    static ImportArchive read(byte[] zip, Limits limits) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.matches("[A-Za-z0-9._-]{1,128}") || name.startsWith(".")) {
                    throw refused("entry name not allowed (flat names of A-Z a-z 0-9 . _ - only)", "entry-name");
                }
                if (entries.containsKey(name)) {
                    throw refused("entry " + name + " appears twice", "duplicate-entry");
                }
                if (entries.size() >= limits.maxEntries()) {
                    throw refused("more than " + limits.maxEntries() + " entries", "max-entries:"
                            + limits.maxEntries());
                }
                byte[] data = inflate(in, limits, total);
                long compressed = entry.getCompressedSize();
                if (compressed > 0 && data.length / Math.max(1, compressed) > limits.maxRatio()) {
                    Arrays.fill(data, (byte) 0);
                    throw refused("entry " + name + " expands more than " + limits.maxRatio() + " times",
                            "max-ratio:" + limits.maxRatio());
                }
                total += data.length;
                entries.put(name, data);
            }
        } catch (FaceTrustException e) {
            entries.values().forEach(b -> Arrays.fill(b, (byte) 0));
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            entries.values().forEach(b -> Arrays.fill(b, (byte) 0));
            throw refused("not a readable ZIP archive", "not-zip");
        }
        if (entries.isEmpty()) {
            throw refused("not a ZIP archive, or an empty one", "not-zip");
        }
        return new ImportArchive(entries);
    }

    /** Inflates one entry, counting real bytes against the entry and total limits (and the ratio when known). */
    private static byte[] inflate(InputStream in, Limits limits, long totalSoFar) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        byte[] out = new byte[0];
        int size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (size + n > limits.maxEntryBytes() || totalSoFar + size + n > limits.maxTotalBytes()) {
                Arrays.fill(out, (byte) 0);
                throw refused("uncompressed size over the limit (entry " + limits.maxEntryBytes() + ", total "
                        + limits.maxTotalBytes() + " bytes)", "max-uncompressed:" + limits.maxTotalBytes());
            }
            if (size + n > out.length) {
                byte[] grown = Arrays.copyOf(out, Math.max(size + n, out.length * 2));
                Arrays.fill(out, (byte) 0);
                out = grown;
            }
            System.arraycopy(buffer, 0, out, size, n);
            size += n;
        }
        Arrays.fill(buffer, (byte) 0);
        byte[] exact = Arrays.copyOf(out, size);
        Arrays.fill(out, (byte) 0);
        return exact;
    }

    static FaceTrustException refused(String message, String reason) {
        return new FaceTrustException(FailureCode.IMPORT_ARCHIVE_REFUSED, message, List.of(reason));
    }

    /** The entry's bytes (the archive's own copy: callers zero what they copy from it), or null. */
    byte[] entry(String name) {
        return entries.get(name);
    }

    void wipe() {
        entries.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }

    @Override
    public void close() {
        wipe();
    }
}
