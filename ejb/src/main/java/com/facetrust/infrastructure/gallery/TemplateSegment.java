package com.facetrust.infrastructure.gallery;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The templates of one key version of one application domain, in dense slots (a removal moves the last slot into
 * the hole). Storage is in chunks of {@link #CHUNK} slots so it grows without copying and no array nears 2 GB:
 * on the heap the int8 codes, sign sketch, scale, error bound, subject number and reference id of each slot; off
 * the heap (direct buffers) the exact float32 vector, read only to re-rank the few templates a search cannot rule
 * out. Not thread-safe: {@link GalleryIndex} guards it with its read-write lock.
 */
final class TemplateSegment {
    /**
     * Slots per chunk. Not 8192: a chunk's int8 codes (CHUNK x 512 B) plus the array header must fit in whole G1
     * regions, or every chunk wastes most of a region (measured: 1.1 KB instead of 0.7 KB of heap per template);
     * likewise the sketch array stays just under half a 1 MB region, so it is not a humongous object.
     */
    static final int CHUNK = 8191;

    final int dimension;
    final int words;
    private final List<byte[]> codes = new ArrayList<>();
    private final List<long[]> sketches = new ArrayList<>();
    private final List<float[]> scales = new ArrayList<>();
    private final List<float[]> errors = new ArrayList<>();
    private final List<int[]> subjects = new ArrayList<>();
    private final List<long[]> referenceIds = new ArrayList<>();
    private final List<FloatBuffer> exact = new ArrayList<>();
    private int size;

    TemplateSegment(int dimension) {
        this.dimension = dimension;
        this.words = QuantisedVector.sketchWords(dimension);
    }

    int size() {
        return size;
    }

    long offHeapBytes() {
        return (long) exact.size() * CHUNK * dimension * Float.BYTES;
    }

    /** Appends a template; returns its slot. */
    int add(int subject, long referenceHigh, long referenceLow, float[] vector, QuantisedVector code) {
        if (vector.length != dimension || code.codes().length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + vector.length + ", index of " + dimension);
        }
        int slot = size;
        int chunk = slot / CHUNK;
        int at = slot % CHUNK;
        if (chunk == codes.size()) {
            codes.add(new byte[CHUNK * dimension]);
            sketches.add(new long[CHUNK * words]);
            scales.add(new float[CHUNK]);
            errors.add(new float[CHUNK]);
            subjects.add(new int[CHUNK]);
            referenceIds.add(new long[CHUNK * 2]);
            exact.add(ByteBuffer.allocateDirect(CHUNK * dimension * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer());
        }
        System.arraycopy(code.codes(), 0, codes.get(chunk), at * dimension, dimension);
        System.arraycopy(code.sketch(), 0, sketches.get(chunk), at * words, words);
        scales.get(chunk)[at] = code.scale();
        errors.get(chunk)[at] = code.error();
        subjects.get(chunk)[at] = subject;
        referenceIds.get(chunk)[2 * at] = referenceHigh;
        referenceIds.get(chunk)[2 * at + 1] = referenceLow;
        exact.get(chunk).put(at * dimension, vector);
        size++;
        return slot;
    }

    /** Removes every slot of the subject; returns how many. */
    int removeSubject(int subject) {
        int removed = 0;
        for (int slot = size - 1; slot >= 0; slot--) {
            if (subjectAt(slot) == subject) {
                moveLastInto(slot);
                removed++;
            }
        }
        return removed;
    }

    private void moveLastInto(int slot) {
        int last = size - 1;
        int lc = last / CHUNK;
        int la = last % CHUNK;
        if (slot != last) {
            int c = slot / CHUNK;
            int a = slot % CHUNK;
            System.arraycopy(codes.get(lc), la * dimension, codes.get(c), a * dimension, dimension);
            System.arraycopy(sketches.get(lc), la * words, sketches.get(c), a * words, words);
            scales.get(c)[a] = scales.get(lc)[la];
            errors.get(c)[a] = errors.get(lc)[la];
            subjects.get(c)[a] = subjects.get(lc)[la];
            referenceIds.get(c)[2 * a] = referenceIds.get(lc)[2 * la];
            referenceIds.get(c)[2 * a + 1] = referenceIds.get(lc)[2 * la + 1];
            exact.get(c).put(a * dimension, exact.get(lc), la * dimension, dimension);
        }
        // Clear the freed slot: no copy of a template stays behind in memory (A-5.7.1f).
        Arrays.fill(codes.get(lc), la * dimension, (la + 1) * dimension, (byte) 0);
        Arrays.fill(sketches.get(lc), la * words, (la + 1) * words, 0L);
        FloatBuffer tail = exact.get(lc);
        for (int i = 0; i < dimension; i++) {
            tail.put(la * dimension + i, 0f);
        }
        subjects.get(lc)[la] = -1;
        size--;
        if (size % CHUNK == 0 && codes.size() > size / CHUNK + 1) {
            // Keep one spare chunk at most, so a shrinking gallery returns its memory.
            int drop = codes.size() - 1;
            codes.remove(drop);
            sketches.remove(drop);
            scales.remove(drop);
            errors.remove(drop);
            subjects.remove(drop);
            referenceIds.remove(drop);
            exact.remove(drop);
        }
    }

    /** Overwrites every stored value with zeros and drops the storage. */
    void clear() {
        for (byte[] c : codes) {
            Arrays.fill(c, (byte) 0);
        }
        for (FloatBuffer f : exact) {
            for (int i = 0; i < f.capacity(); i++) {
                f.put(i, 0f);
            }
        }
        codes.clear();
        sketches.clear();
        scales.clear();
        errors.clear();
        subjects.clear();
        referenceIds.clear();
        exact.clear();
        size = 0;
    }

    int subjectAt(int slot) {
        return subjects.get(slot / CHUNK)[slot % CHUNK];
    }

    String referenceIdAt(int slot) {
        long[] ids = referenceIds.get(slot / CHUNK);
        int a = slot % CHUNK;
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(ids[2 * a]) + hex.toHexDigits(ids[2 * a + 1]);
    }

    byte[] codeChunk(int chunk) {
        return codes.get(chunk);
    }

    long[] sketchChunk(int chunk) {
        return sketches.get(chunk);
    }

    float[] scaleChunk(int chunk) {
        return scales.get(chunk);
    }

    float[] errorChunk(int chunk) {
        return errors.get(chunk);
    }

    int[] subjectChunk(int chunk) {
        return subjects.get(chunk);
    }

    /** The exact cosine of a probe (its squared norm given) with the float vector of a slot. */
    double exactCosine(int slot, float[] probe, double probeSquaredNorm) {
        FloatBuffer chunk = exact.get(slot / CHUNK);
        int base = (slot % CHUNK) * dimension;
        double dot = 0;
        double nb = 0;
        for (int i = 0; i < dimension; i++) {
            float x = chunk.get(base + i);
            dot += (double) probe[i] * x;
            nb += (double) x * x;
        }
        return dot / Math.sqrt(probeSquaredNorm * nb);
    }

    /** A copy of the exact vector of a slot (tests and benchmark checks only). */
    float[] vectorAt(int slot) {
        float[] out = new float[dimension];
        exact.get(slot / CHUNK).get((slot % CHUNK) * dimension, out);
        return out;
    }

    static long[] parseReferenceId(String referenceId) {
        if (referenceId == null || !referenceId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a reference id is 32 lower-case hex digits");
        }
        return new long[]{Long.parseUnsignedLong(referenceId.substring(0, 16), 16),
                Long.parseUnsignedLong(referenceId.substring(16), 16)};
    }
}
