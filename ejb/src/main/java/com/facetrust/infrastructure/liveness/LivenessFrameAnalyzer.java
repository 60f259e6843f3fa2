package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.EyeState;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.HeadPose;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a burst of frames into a {@link FaceTrack}: per frame the face box, 68 landmarks, eye state, the mean skin
 * colour of forehead and cheeks and a sharpness figure; head pose on every {@code poseEvery}-th frame (held in
 * between — head actions last half a second or more), an embedding on every {@code identityEvery}-th frame and the
 * single-frame liveness score on every {@code passiveEvery}-th frame; the detector itself only on every
 * {@code detectEvery}-th frame (and the pose and passive frames), the frames in between following the previous
 * frame's face with the landmark model alone. Those samplings keep a 3 s burst well under 1 s of CPU on this machine
 * (docs/performance.md). Only measurements leave this class; frames it decodes itself are wiped.
 *
 * <p>The face is tracked, not re-chosen per frame: after the first frame the face overlapping the previous box
 * most is taken, so a second face entering the frame (a held-up photo, a bystander) does not hijack the track;
 * frames with several usable faces are counted.
 *
 * <p>Frames are processed in chunks of {@code chunkFrames} (bounding the decoded pixels held at once): detection
 * and then the per-face measurements run on the given {@link Executor} (in the server a managed executor; in
 * tests and the CLI a small pool, or none for the calling thread), tracking runs in order in between.
 */
public final class LivenessFrameAnalyzer {

    /**
     * @param identityEvery embed every n-th frame (1 = all)
     * @param passiveEvery  run the single-frame liveness model on every n-th frame
     * @param trackMinIou   overlap with the previous box below which the track is considered lost and the main
     *                      face of the frame is taken instead (the jump shows up in the challenge's continuity cue)
     * @param minPassiveFaceWidth other faces at least this wide (pixels) are also judged by the single-frame model
     *                      and count as "several faces"; smaller ones are ignored
     * @param poseEvery     estimate head pose on every n-th frame, holding the last value in between
     * @param chunkFrames   frames decoded and held at once
     * @param maxFps        frames closer than 1/maxFps to the last kept one are skipped, so a 30 or 60 fps client
     *                      costs no more than 15 fps (blinks of 100–400 ms still span 1–6 frames)
     * @param eyeModel      run the eye-state model per frame (off: the action logic uses the eye aspect ratio)
     * @param detectEvery   run the face detector on every n-th frame (and on every pose and passive frame); in
     *                      between, the landmarks are located from the previous frame's box, which the landmark
     *                      refinement re-centres on the face (the detector was 40 % of a challenge's CPU,
     *                      docs/performance.md). 1 = detect on every frame
     */
    public record Config(int identityEvery, int passiveEvery, double trackMinIou, double minPassiveFaceWidth,
                         int poseEvery, int chunkFrames, double maxFps, boolean eyeModel, int detectEvery) {
        public Config {
            if (identityEvery < 1 || passiveEvery < 1 || poseEvery < 1 || chunkFrames < 1 || detectEvery < 1) {
                throw new IllegalArgumentException("sampling intervals must be positive");
            }
        }

        public static Config defaults() {
            return new Config(9, 4, 0.3, 40, 2, 16, 15, false, 2);
        }

        public Config withSampling(int identity, int passiveSampling, int pose) {
            return new Config(identity, passiveSampling, trackMinIou, minPassiveFaceWidth, pose, chunkFrames, maxFps,
                    eyeModel, detectEvery);
        }

        public Config withDetectEvery(int n) {
            return new Config(identityEvery, passiveEvery, trackMinIou, minPassiveFaceWidth, poseEvery, chunkFrames,
                    maxFps, eyeModel, n);
        }
    }

    private final FaceEngine engine;
    private final PassiveLivenessModel passive;
    private final Config config;
    private final Executor executor;

    /** Runs everything on the calling thread. */
    public LivenessFrameAnalyzer(FaceEngine engine, PassiveLivenessModel passive, Config config) {
        this(engine, passive, config, null);
    }

    /** @param executor where per-frame work runs in parallel; null = the calling thread */
    public LivenessFrameAnalyzer(FaceEngine engine, PassiveLivenessModel passive, Config config, Executor executor) {
        this.engine = engine;
        this.passive = passive;
        this.config = config;
        this.executor = executor;
    }

    /** Analyses encoded frames (JPEG/PNG…), decoded with the engine's safe decoder and wiped after use. */
    public FaceTrack analyzeEncoded(List<byte[]> frames, long[] timestampsMillis) {
        int[] kept = keptFrames(frames.size(), timestampsMillis);
        return run(kept.length, i -> engine.decode(frames.get(kept[i])).image(), true,
                pick(timestampsMillis, kept));
    }

    /** Analyses decoded frames; the caller keeps ownership of them. */
    public FaceTrack analyze(List<? extends FaceImage> frames, long[] timestampsMillis) {
        int[] kept = keptFrames(frames.size(), timestampsMillis);
        return run(kept.length, i -> frames.get(kept[i]), false, pick(timestampsMillis, kept));
    }

    /** Indices of the frames kept at no more than {@code maxFps}. */
    int[] keptFrames(int n, long[] ts) {
        if (ts.length < n) {
            throw new IllegalArgumentException(n + " frames but " + ts.length + " timestamps");
        }
        // Slightly under the nominal interval, so a 15 fps stream with rounded timestamps keeps every frame.
        double minGap = config.maxFps() > 0 ? 0.9 * 1000.0 / config.maxFps() : 0;
        int[] kept = new int[n];
        int count = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (count == 0 || ts[i] - last >= minGap) {
                kept[count++] = i;
                last = ts[i];
            }
        }
        return java.util.Arrays.copyOf(kept, count);
    }

    private static long[] pick(long[] ts, int[] kept) {
        long[] out = new long[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = ts[kept[i]];
        }
        return out;
    }

    /** Frames on which the detector runs: every {@code detectEvery}-th, and every pose and passive frame. */
    boolean detects(int index) {
        return index % config.detectEvery() == 0 || index % config.poseEvery() == 0
                || (passive != null && index % config.passiveEvery() == 0);
    }

    private FaceTrack run(int n, IntFunction<FaceImage> open, boolean owned, long[] ts) {
        List<FaceObservation> observations = new ArrayList<>();
        // Counted on the frames scheduled for detection (a fixed half of the burst by default): an unbiased sample
        // whose shares stand for the whole burst. Frames detected only because their predecessor had no face are
        // left out of the counts — they are more likely to have none.
        int withoutFace = 0;
        int severalFaces = 0;
        int scheduled = 0;
        BoundingBox previous = null;   // the track's last box, for choosing among several faces
        DetectedFace followable = null; // the face of the frame just before, if that frame was detected
        int chunk = Math.max(1, config.chunkFrames());
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            FaceImage[] images = new FaceImage[to - from];
            @SuppressWarnings("unchecked")
            List<DetectedFace>[] faces = new List[to - from];
            try {
                final int base = from;
                parallel(to - from, k -> {
                    images[k] = open.apply(base + k);
                    if (detects(base + k)) {
                        faces[k] = engine.detectFaces(images[k]);
                    }
                });
                DetectedFace[] chosen = new DetectedFace[to - from];
                boolean[] counted = new boolean[to - from];
                // A frame between detections follows the face of the frame before it if that one was detected (its
                // box is where the landmarks are looked for); otherwise it is detected after all, here, in order.
                DetectedFace[] follow = new DetectedFace[to - from];
                for (int k = 0; k < chosen.length; k++) {
                    counted[k] = faces[k] != null;
                    if (faces[k] == null) {
                        if (followable != null) {
                            follow[k] = followable;
                            followable = null; // the followed face is located below, in parallel
                            continue;
                        }
                        faces[k] = engine.detectFaces(images[k]);
                    }
                    if (counted[k]) {
                        scheduled++;
                    }
                    if (faces[k].isEmpty()) {
                        withoutFace += counted[k] ? 1 : 0;
                        followable = null;
                        continue;
                    }
                    // Only faces big enough to use count as "several": tiny detector hits are noise.
                    if (counted[k] && faces[k].stream()
                            .filter(f -> f.box().width() >= config.minPassiveFaceWidth()).count() > 1) {
                        severalFaces++;
                    }
                    chosen[k] = track(faces[k], previous);
                    previous = chosen[k].box();
                    followable = chosen[k];
                }
                FaceObservation[] measured = new FaceObservation[to - from];
                parallel(to - from, k -> {
                    if (follow[k] != null) {
                        chosen[k] = followed(images[k], follow[k]);
                        faces[k] = List.of(chosen[k]);
                    }
                    if (chosen[k] != null) {
                        measured[k] = measure(images[k], faces[k], chosen[k], base + k, ts[base + k]);
                    }
                });
                for (FaceObservation o : measured) {
                    if (o != null) {
                        observations.add(o);
                    }
                }
            } finally {
                if (owned) {
                    for (FaceImage img : images) {
                        if (img != null) {
                            img.close();
                        }
                    }
                }
            }
        }
        // framesSubmitted = frames analysed (after the rate limit): the shares of missing/several faces use it.
        return new FaceTrack(holdPose(observations), n, scaled(withoutFace, scheduled, n),
                scaled(severalFaces, scheduled, n));
    }

    /** A count on {@code sample} of {@code n} frames, scaled to all {@code n} (exact when every frame is sampled). */
    static int scaled(int count, int sample, int n) {
        return sample == 0 || sample == n ? count : (int) Math.round(count * (double) n / sample);
    }

    /**
     * The face of a frame without detection: landmarks located from the previous frame's detector box (the landmark
     * refinement re-centres the crop on the face), the box moved as the landmarks' centre moved. An unchanged frame
     * gives exactly the previous frame's landmarks and box, so a still image still shows no motion at all.
     */
    private DetectedFace followed(FaceImage image, DetectedFace previous) {
        Landmarks68 lm = engine.landmarks(image, previous.box());
        Point2 now = centre(lm);
        Point2 before = centre(previous.landmarks());
        double dx = now.x() - before.x();
        double dy = now.y() - before.y();
        BoundingBox b = previous.box();
        return new DetectedFace(new BoundingBox(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy), Double.NaN, lm,
                lm.alignmentPoints(), Double.NaN);
    }

    private static Point2 centre(Landmarks68 lm) {
        double mx = 0, my = 0;
        for (Point2 p : lm.points()) {
            mx += p.x();
            my += p.y();
        }
        return new Point2(mx / 68, my / 68);
    }

    private DetectedFace track(List<DetectedFace> faces, BoundingBox previous) {
        DetectedFace face = faces.get(0);
        if (previous != null) {
            double bestIou = config.trackMinIou();
            for (DetectedFace f : faces) {
                double iou = f.box().iou(previous);
                if (iou >= bestIou) {
                    face = f;
                    bestIou = iou;
                }
            }
        }
        return face;
    }

    private FaceObservation measure(FaceImage image, List<DetectedFace> faces, DetectedFace face, int index,
                                    long timestamp) {
        HeadPose pose = index % config.poseEvery() == 0 ? engine.estimatePose(image, face) : null;
        EyeState eyes = config.eyeModel() ? engine.classifyEyes(image, face) : null;
        float[] embedding = null;
        if (index % config.identityEvery() == 0) {
            try (OpenCvImage aligned = engine.align(image, face.alignmentPoints())) {
                embedding = engine.embedAligned(aligned).values();
            }
        }
        double passiveScore = Double.NaN;
        if (passive != null && index % config.passiveEvery() == 0) {
            // Every face big enough to judge counts, the worst one decides: a phone or photo held up beside a
            // live person is an attack instrument in the scene even when the live face is the main one.
            passiveScore = passive.liveProbability(image, face.box());
            for (DetectedFace other : faces) {
                if (other != face && other.box().width() >= config.minPassiveFaceWidth()) {
                    passiveScore = Math.min(passiveScore, passive.liveProbability(image, other.box()));
                }
            }
        }
        Mat mat = ((OpenCvImage) image).mat();
        return new FaceObservation(timestamp, face.box(), face.landmarks(), pose, eyes, embedding,
                skinColour(mat, face.landmarks()), passiveScore, sharpness(mat, face.box()));
    }

    /** Fills frames whose pose was not estimated with the last estimated pose (or the next, at the start). */
    static List<FaceObservation> holdPose(List<FaceObservation> obs) {
        List<FaceObservation> out = new ArrayList<>(obs.size());
        HeadPose last = obs.stream().map(FaceObservation::pose).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        for (FaceObservation o : obs) {
            if (o.pose() != null) {
                last = o.pose();
                out.add(o);
            } else {
                out.add(new FaceObservation(o.timestampMillis(), o.box(), o.landmarks(), last, o.eyes(),
                        o.embedding(), o.skin(), o.passiveScore(), o.sharpness()));
            }
        }
        return out;
    }

    private void parallel(int count, IntConsumer task) {
        if (executor == null || count < 2) {
            for (int k = 0; k < count; k++) {
                task.accept(k);
            }
            return;
        }
        CompletableFuture<?>[] futures = new CompletableFuture<?>[count];
        for (int k = 0; k < count; k++) {
            final int idx = k;
            futures[k] = CompletableFuture.runAsync(() -> task.accept(idx), executor);
        }
        try {
            CompletableFuture.allOf(futures).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /**
     * Mean colour of the forehead and both cheeks — the skin areas with the strongest pulse signal and the least
     * motion of eyes and mouth; eyes, brows, nostrils and lips are left out. Null when the regions leave the frame.
     */
    static ColourMeans skinColour(Mat bgr, Landmarks68 lm) {
        double iod = lm.alignmentPoints().interpupillaryDistance();
        if (iod < 4) {
            return null;
        }
        Point2 browMid = mid(lm.get(19), lm.get(24));
        Point2 leftEye = lm.alignmentPoints().leftEye();
        Point2 rightEye = lm.alignmentPoints().rightEye();
        List<double[]> regions = List.of(
                // forehead: above the brows
                new double[] {browMid.x(), browMid.y() - 0.3 * iod, 0.6 * iod, 0.25 * iod},
                // cheeks: halfway between eye centre and mouth corner, shifted outwards
                new double[] {(leftEye.x() + lm.get(48).x()) / 2 - 0.1 * iod, (leftEye.y() + lm.get(48).y()) / 2,
                    0.3 * iod, 0.3 * iod},
                new double[] {(rightEye.x() + lm.get(54).x()) / 2 + 0.1 * iod, (rightEye.y() + lm.get(54).y()) / 2,
                    0.3 * iod, 0.3 * iod});
        double b = 0, g = 0, r = 0, area = 0;
        for (double[] reg : regions) {
            int x = (int) Math.round(reg[0] - reg[2] / 2);
            int y = (int) Math.round(reg[1] - reg[3] / 2);
            int w = (int) Math.round(reg[2]);
            int h = (int) Math.round(reg[3]);
            x = Math.max(0, x);
            y = Math.max(0, y);
            w = Math.min(w, bgr.cols() - x);
            h = Math.min(h, bgr.rows() - y);
            if (w < 2 || h < 2) {
                continue;
            }
            Mat roi = bgr.submat(new Rect(x, y, w, h));
            Scalar m = Core.mean(roi);
            roi.release();
            double a = (double) w * h;
            b += m.val[0] * a;
            g += m.val[1] * a;
            r += m.val[2] * a;
            area += a;
        }
        return area == 0 ? null : new ColourMeans(r / area, g / area, b / area);
    }

    /** Variance of the Laplacian of the face box at 96×96 grey: a size-independent blur measure. */
    static double sharpness(Mat bgr, BoundingBox box) {
        int x = (int) Math.max(0, Math.round(box.x1()));
        int y = (int) Math.max(0, Math.round(box.y1()));
        int w = (int) Math.min(bgr.cols() - x, Math.round(box.width()));
        int h = (int) Math.min(bgr.rows() - y, Math.round(box.height()));
        if (w < 8 || h < 8) {
            return Double.NaN;
        }
        Mat roi = bgr.submat(new Rect(x, y, w, h));
        Mat grey = new Mat();
        Imgproc.cvtColor(roi, grey, Imgproc.COLOR_BGR2GRAY);
        roi.release();
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(96, 96), 0, 0, Imgproc.INTER_AREA);
        Mat lap = new Mat();
        Imgproc.Laplacian(small, lap, CvType.CV_64F);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        Core.meanStdDev(lap, mean, std);
        double sd = std.get(0, 0)[0];
        for (Mat m : new Mat[] {grey, small, lap, mean, std}) {
            m.setTo(Scalar.all(0));
            m.release();
        }
        return sd * sd;
    }

    private static Point2 mid(Point2 a, Point2 b) {
        return new Point2((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }
}
