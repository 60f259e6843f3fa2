package com.facetrust.evaluation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeddings of earlier runs, keyed by the image file's SHA-256 within one file per engine version
 * ({@code <dir>/<sha256(version)>.bin}), so reruns skip inference and a changed engine starts afresh.
 *
 * <p>These are embeddings of public evaluation images on the evaluator's machine, never of enrolled subjects;
 * the cache is an append-only binary log (a torn last record from an interrupted run is ignored).
 */
public final class EmbeddingCache implements AutoCloseable {

    private static final int MAGIC = 0x46544532; // "FTE2": record layout version 2

    private final Path file;
    private final Map<String, ImageOutcome> entries = new ConcurrentHashMap<>();
    private DataOutputStream out;

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** Opens (creating if needed) the cache for one engine version under {@code dir}. */
    public static EmbeddingCache open(Path dir, String engineVersion) {
        try {
            Files.createDirectories(dir);
            EmbeddingCache cache = new EmbeddingCache(dir.resolve(sha256Hex(
                    engineVersion.getBytes(StandardCharsets.UTF_8)) + ".bin"));
            cache.load();
            cache.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache.file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedding cache in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    public int size() {
        return entries.size();
    }

    public ImageOutcome get(String sha256) {
        return entries.get(sha256);
    }

    public synchronized void put(String sha256, ImageOutcome outcome) {
        entries.put(sha256, outcome.withMillis(Double.NaN));
        try {
            out.writeInt(MAGIC);
            out.writeUTF(sha256);
            out.writeUTF(outcome.failureCode() == null ? "" : outcome.failureCode());
            out.writeInt(outcome.qualityFailures().size());
            for (String q : outcome.qualityFailures()) {
                out.writeUTF(q);
            }
            out.writeInt(outcome.measures().size());
            for (var m : outcome.measures().entrySet()) {
                out.writeUTF(m.getKey());
                out.writeDouble(m.getValue());
            }
            float[] e = outcome.embedding();
            out.writeInt(e == null ? -1 : e.length);
            if (e != null) {
                for (float v : e) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the embedding cache " + file, ex);
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                int magic;
                try {
                    magic = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                if (magic != MAGIC) {
                    return; // corrupt tail: keep what was read
                }
                try {
                    String sha = in.readUTF();
                    String code = in.readUTF();
                    int nq = in.readInt();
                    List<String> q = new ArrayList<>(nq);
                    for (int i = 0; i < nq; i++) {
                        q.add(in.readUTF());
                    }
                    int nm = in.readInt();
                    Map<String, Double> measures = new java.util.HashMap<>();
                    for (int i = 0; i < nm; i++) {
                        measures.put(in.readUTF(), in.readDouble());
                    }
                    int dim = in.readInt();
                    float[] e = null;
                    if (dim >= 0) {
                        e = new float[dim];
                        for (int i = 0; i < dim; i++) {
                            e[i] = in.readFloat();
                        }
                    }
                    entries.put(sha, new ImageOutcome(e, code.isEmpty() ? null : code, q, measures,
                            Double.NaN));
                } catch (EOFException torn) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    public static String sha256Hex(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
