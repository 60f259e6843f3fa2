package com.facetrust.evaluation.pad;

import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import com.facetrust.infrastructure.liveness.LivenessFrameAnalyzer;
import com.facetrust.infrastructure.liveness.MultiFrameLivenessCheck;
import com.facetrust.infrastructure.liveness.PassiveLivenessModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one evaluation item with the server's own checks: a single image with the single-frame liveness model on
 * its main face; a sequence of frames with the multi-frame check (frames assumed {@code fps} apart).
 */
public final class PadItemScorer {

    /**
     * @param rawScore   single image: the model's live probability; sequence: the multi-frame check's fused score
     *                   (0.5 = its operating point); 0 when no face was found
     * @param judgement  the multi-frame judgement (sequences only)
     * @param failure    failure code when the item could not be processed (e.g. FT-2001 no face), else null —
     *                   such items count as rejected, and are listed
     * @param millis     wall-clock time of the check (sequences: without reading the files)
     * @param cpuMillis  CPU time spent: for images the scoring thread's (inference runs on the calling thread, one
     *                   intra-op thread), for sequences the whole process's (frames are analysed on a pool). On a
     *                   shared, loaded machine the honest cost figure
     */
    public record Scored(PadItem item, double rawScore, LivenessJudgement judgement, String failure, double millis,
                         double cpuMillis) {

        public boolean isSequence() {
            return item.isSequence();
        }
    }

    private final FaceEngine engine;
    private final PassiveLivenessModel passive;
    private final LivenessFrameAnalyzer analyzer;
    private final MultiFrameLivenessCheck multiFrame;
    private final double fps;

    public PadItemScorer(FaceEngine engine, PassiveLivenessModel passive, LivenessFrameAnalyzer analyzer,
                         MultiFrameLivenessCheck multiFrame, double fps) {
        this.engine = engine;
        this.passive = passive;
        this.analyzer = analyzer;
        this.multiFrame = multiFrame;
        this.fps = fps;
    }

    public Scored score(PadItem item) throws IOException {
        long t0 = System.nanoTime();
        long c0 = cpu();
        try {
            if (!item.isSequence()) {
                try (OpenCvImage img = engine.decode(Files.readAllBytes(item.frames().get(0))).image()) {
                    List<DetectedFace> faces = engine.detectFaces(img);
                    if (faces.isEmpty()) {
                        return new Scored(item, 0, null, "FT-2001", ms(t0), cpuMs(c0));
                    }
                    double p = passive.liveProbability(img, faces.get(0).box());
                    return new Scored(item, p, null, null, ms(t0), cpuMs(c0));
                }
            }
            List<byte[]> frames = new ArrayList<>();
            for (Path f : item.frames()) {
                frames.add(Files.readAllBytes(f));
            }
            long[] ts = new long[frames.size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = Math.round(i * 1000.0 / fps);
            }
            long start = System.nanoTime();
            long cpuStart = processCpu();
            FaceTrack track = analyzer.analyzeEncoded(frames, ts);
            LivenessJudgement j = multiFrame.judge(track);
            double score = j.verdict() == LivenessVerdict.INCONCLUSIVE ? 0 : j.score();
            return new Scored(item, score, j, null, ms(start), (processCpu() - cpuStart) / 1e6);
        } catch (FaceTrustException e) {
            return new Scored(item, 0, null, e.failureCode().code(), ms(t0), cpuMs(c0));
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long processCpu() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double cpuMs(long since) {
        return (cpu() - since) / 1e6;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
