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
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a burst of frames into a {@link FaceTrack}: per frame the face box, 68 landmarks, head pose, eye state and
 * the mean skin colour of forehead and cheeks; on every {@code identityEvery}-th frame an embedding and on every
 * {@code passiveEvery}-th frame the single-frame liveness score (the two costliest steps, sampled to keep a 3 s
 * burst under 1 s). Only measurements leave this class — frames are closed (wiped) by their owner.
 *
 * <p>The face is tracked, not re-chosen per frame: after the first frame the face overlapping the previous box
 * most is taken, so a second face entering the frame (a held-up photo, a bystander) does not hijack the track;
 * the number of frames with several faces is reported.
 */
public final class LivenessFrameAnalyzer {

    /**
     * @param identityEvery embed every n-th frame (1 = all)
     * @param passiveEvery  run the single-frame liveness model on every n-th frame
     * @param trackMinIou   overlap with the previous box below which the track is considered lost and the main
     *                      face of the frame is taken instead (the jump shows up in the challenge's continuity cue)
     * @param minPassiveFaceWidth other faces at least this wide (pixels) are also judged by the single-frame model
     *                      and count as "several faces"; smaller ones are ignored
     */
    public record Config(int identityEvery, int passiveEvery, double trackMinIou, double minPassiveFaceWidth) {
        public static Config defaults() {
            return new Config(5, 3, 0.3, 40);
        }
    }

    private final FaceEngine engine;
    private final PassiveLivenessModel passive;
    private final Config config;

    public LivenessFrameAnalyzer(FaceEngine engine, PassiveLivenessModel passive, Config config) {
        this.engine = engine;
        this.passive = passive;
        this.config = config;
    }

    /** Analyses encoded frames (JPEG/PNG…) decoded one at a time with the engine's safe decoder. */
    public FaceTrack analyzeEncoded(List<byte[]> frames, long[] timestampsMillis) {
        FrameSink sink = new FrameSink();
        for (int i = 0; i < frames.size(); i++) {
            try (OpenCvImage img = engine.decode(frames.get(i)).image()) {
                sink.accept(img, timestampsMillis[i], i);
            }
        }
        return sink.track(frames.size());
    }

    /** Analyses decoded frames; the caller keeps ownership of them. */
    public FaceTrack analyze(List<? extends FaceImage> frames, long[] timestampsMillis) {
        FrameSink sink = new FrameSink();
        for (int i = 0; i < frames.size(); i++) {
            sink.accept(frames.get(i), timestampsMillis[i], i);
        }
        return sink.track(frames.size());
    }

    private final class FrameSink {
        private final List<FaceObservation> observations = new ArrayList<>();
        private int withoutFace;
        private int severalFaces;
        private BoundingBox previous;

        void accept(FaceImage image, long timestamp, int index) {
            List<DetectedFace> faces = engine.detectFaces(image);
            if (faces.isEmpty()) {
                withoutFace++;
                return;
            }
            // Only faces big enough to use count as "several": tiny detector hits in the background are noise.
            if (faces.stream().filter(f -> f.box().width() >= config.minPassiveFaceWidth()).count() > 1) {
                severalFaces++;
            }
            DetectedFace face = faces.get(0);
            if (previous != null) {
                DetectedFace best = null;
                double bestIou = config.trackMinIou();
                for (DetectedFace f : faces) {
                    double iou = f.box().iou(previous);
                    if (iou >= bestIou) {
                        best = f;
                        bestIou = iou;
                    }
                }
                if (best != null) {
                    face = best;
                }
            }
            previous = face.box();
            HeadPose pose = engine.estimatePose(image, face);
            EyeState eyes = engine.classifyEyes(image, face);
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
            ColourMeans skin = skinColour(mat, face.landmarks());
            observations.add(new FaceObservation(timestamp, face.box(), face.landmarks(), pose, eyes, embedding, skin,
                    passiveScore, sharpness(mat, face.box())));
        }

        FaceTrack track(int submitted) {
            return new FaceTrack(observations, submitted, withoutFace, severalFaces);
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
