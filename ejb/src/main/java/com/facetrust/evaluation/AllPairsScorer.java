package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Scores every pair of usable images: same label → genuine, different labels → impostor. All genuine pairs are
 * kept. Impostor pairs are all kept up to a cap; beyond it each is kept with probability cap/total (seeded, so
 * reproducible) and the report says so. Impostor pairs that look like label errors (same file hash, or score ≥
 * the label-noise threshold) are set aside as {@link SuspectedLabelError}s instead of being mixed in, so figures
 * can be given with and without them.
 */
public final class AllPairsScorer {

    /** @param identity label index; @param sha256 file hash (hex); @param embedding unit vector */
    public record Sample(int identity, String sha256, float[] embedding, LabelledImage image) {
    }

    /**
     * @param clean          genuine and impostor scores without the suspected label errors
     * @param withSuspected  the same with the suspected pairs put back among the impostors
     * @param suspected      impostor pairs set aside (at most {@value #MAX_LISTED_SUSPECTS} listed, highest first)
     * @param duplicateGenuinePairs genuine pairs whose two files are byte-identical (they inflate genuine scores)
     * @param highestImpostors the highest-scoring impostor pairs not set aside (highest first): near misses of the
     *                         label-noise check, to be looked at
     * @param lowestGenuine    the lowest-scoring genuine pairs (lowest first): possibly one label mixing people
     */
    public record Result(VerificationScores clean, VerificationScores withSuspected,
                         List<SuspectedLabelError> suspected, long duplicateGenuinePairs,
                         List<ScoredImagePair> highestImpostors, List<ScoredImagePair> lowestGenuine) {
    }

    /** A pair of images with its score, for the lists of extreme pairs worth a look (label noise). */
    public record ScoredImagePair(LabelledImage first, LabelledImage second, float score) {
    }

    /** How many extreme pairs of each kind are listed. */
    static final int EXTREMES = 20;

    private final double labelNoiseThreshold;
    private final long maxImpostorPairs;
    private final long seed;
    private final int threads;

    public AllPairsScorer(double labelNoiseThreshold, long maxImpostorPairs, long seed, int threads) {
        this.labelNoiseThreshold = labelNoiseThreshold;
        this.maxImpostorPairs = maxImpostorPairs;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    /** Largest number of suspected pairs kept in the list (all are still excluded from the clean figures). */
    static final int MAX_LISTED_SUSPECTS = 10_000;

    public Result score(List<Sample> samples, LongConsumer progress) {
        int n = samples.size();
        long genuineTotal = 0, total = (long) n * (n - 1) / 2;
        int[] idCount = new int[samples.stream().mapToInt(Sample::identity).max().orElse(-1) + 1];
        for (Sample s : samples) {
            idCount[s.identity()]++;
        }
        for (int c : idCount) {
            genuineTotal += (long) c * (c - 1) / 2;
        }
        long impostorTotal = total - genuineTotal;
        double keep = impostorTotal <= maxImpostorPairs ? 1.0 : (double) maxImpostorPairs / impostorTotal;

        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<RowBlock>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int first = t;
                futures.add(pool.submit(() -> {
                    RowBlock block = new RowBlock();
                    // rows interleaved across threads: row i has n-1-i pairs, so striding balances the work
                    for (int i = first; i < n; i += threads) {
                        scoreRow(samples, i, keep, block);
                        long d = done.addAndGet(n - 1 - i);
                        if (progress != null) {
                            progress.accept(d);
                        }
                    }
                    return block;
                }));
            }
            RowBlock all = new RowBlock();
            for (Future<RowBlock> f : futures) {
                all.addAll(f.get());
            }
            float[] gen = all.genuine.toArray();
            float[] imp = all.impostor.toArray();
            float[] suspectScores = all.suspectedScores.toArray();
            long suspectedCount = suspectScores.length;
            float[] impWith = Arrays.copyOf(imp, imp.length + suspectScores.length);
            System.arraycopy(suspectScores, 0, impWith, imp.length, suspectScores.length);
            // Population figures: suspected pairs are always counted (never sampled away).
            long popClean = keep == 1.0 ? imp.length : impostorTotal - suspectedCount;
            long popWith = keep == 1.0 ? impWith.length : impostorTotal;
            all.suspected.sort((x, y) -> Float.compare(y.score(), x.score()));
            List<SuspectedLabelError> listed = all.suspected.size() > MAX_LISTED_SUSPECTS
                    ? all.suspected.subList(0, MAX_LISTED_SUSPECTS) : all.suspected;
            return new Result(new VerificationScores(gen, imp, Math.max(popClean, imp.length)),
                    new VerificationScores(gen, impWith, Math.max(popWith, impWith.length)), List.copyOf(listed),
                    all.duplicateGenuine, all.highImpostors.sorted(true), all.lowGenuine.sorted(false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pair scoring failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void scoreRow(List<Sample> samples, int i, double keep, RowBlock out) {
        Sample a = samples.get(i);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        for (int j = i + 1; j < samples.size(); j++) {
            Sample b = samples.get(j);
            boolean sameFile = a.sha256().equals(b.sha256());
            if (a.identity() == b.identity()) {
                float g = Embeddings.dot(a.embedding(), b.embedding());
                out.genuine.add(g);
                out.lowGenuine.offer(a.image(), b.image(), g);
                if (sameFile) {
                    out.duplicateGenuine++;
                }
                continue;
            }
            float s = Embeddings.dot(a.embedding(), b.embedding());
            if (sameFile || s >= labelNoiseThreshold) {
                out.suspectedScores.add(s);
                if (out.suspected.size() < MAX_LISTED_SUSPECTS) {
                    out.suspected.add(new SuspectedLabelError(a.image().path(), a.image().identity(), b.image().path(),
                        b.image().identity(), s, sameFile));
                }
            } else {
                out.highImpostors.offer(a.image(), b.image(), s);
                if (keep >= 1.0 || random.nextDouble() < keep) {
                    out.impostor.add(s);
                }
            }
        }
    }

    private static final class RowBlock {
        final FloatList genuine = new FloatList();
        final FloatList impostor = new FloatList();
        final List<SuspectedLabelError> suspected = new ArrayList<>();
        final FloatList suspectedScores = new FloatList();
        final ExtremePairs highImpostors = new ExtremePairs(true);
        final ExtremePairs lowGenuine = new ExtremePairs(false);
        long duplicateGenuine;

        void addAll(RowBlock other) {
            genuine.addAll(other.genuine);
            impostor.addAll(other.impostor);
            suspected.addAll(other.suspected);
            suspectedScores.addAll(other.suspectedScores);
            highImpostors.addAll(other.highImpostors);
            lowGenuine.addAll(other.lowGenuine);
            duplicateGenuine += other.duplicateGenuine;
        }
    }

    /** The {@value #EXTREMES} highest (or lowest) scoring pairs seen, kept in a bounded heap. */
    static final class ExtremePairs {
        private final boolean highest;
        private final java.util.PriorityQueue<ScoredImagePair> heap;

        ExtremePairs(boolean highest) {
            this.highest = highest;
            // the heap's head is the entry to evict first
            java.util.Comparator<ScoredImagePair> byScore = java.util.Comparator.comparingDouble(ScoredImagePair::score);
            this.heap = new java.util.PriorityQueue<>(highest ? byScore : byScore.reversed());
        }

        void offer(LabelledImage a, LabelledImage b, float score) {
            if (heap.size() < EXTREMES) {
                heap.add(new ScoredImagePair(a, b, score));
            } else if (highest ? score > heap.peek().score() : score < heap.peek().score()) {
                heap.poll();
                heap.add(new ScoredImagePair(a, b, score));
            }
        }

        void addAll(ExtremePairs other) {
            other.heap.forEach(p -> offer(p.first(), p.second(), p.score()));
        }

        List<ScoredImagePair> sorted(boolean descending) {
            List<ScoredImagePair> list = new ArrayList<>(heap);
            list.sort(java.util.Comparator.comparingDouble(ScoredImagePair::score));
            if (descending) {
                java.util.Collections.reverse(list);
            }
            return List.copyOf(list);
        }
    }

    /** A growable float array (a List&lt;Float&gt; of 87 M boxed values would not fit). */
    static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, data.length * 2L));
            }
            data[size++] = v;
        }

        void addAll(FloatList other) {
            if (size + other.size > data.length) {
                data = Arrays.copyOf(data, size + other.size);
            }
            System.arraycopy(other.data, 0, data, size, other.size);
            size += other.size;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
