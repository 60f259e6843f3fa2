package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.face.QualityAssessor;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityCheck.Rule;
import com.facetrust.domain.face.QualityEvidence;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.face.QualityReport;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.facetrust.domain.face.QualityProfile.*;

/**
 * The quality judgement with reasons (A-5.4, D-6.1.3, D-7.4). Photometric checks are measured on the aligned
 * 112×112 face, in the skin region between brows and chin ({@link #SKIN}), so background and hair do not count.
 *
 * <ul>
 *   <li>sharpness — variance of the Laplacian of the grey aligned face (a small face upscaled to 112 px also
 *       reads as blurred, which is what matters for recognition);</li>
 *   <li>brightness — mean grey of the skin region; share of its pixels in 85–200 (D-7.4); share above 245
 *       (over-exposed) and below 25 (under-exposed);</li>
 *   <li>uneven lighting — |mean(left half) − mean(right half)| / max of the two;</li>
 *   <li>geometry — residual of the 5-point similarity fit relative to the reference eye distance (strong pose,
 *       distortion or bad landmarks raise it; D-7.4's "geometric distortion ≤ 10 %");</li>
 *   <li>completeness — share of the 68 landmarks inside the image (the detector box of a tight passport crop
 *       extends past the frame while the face is complete, so the box is not used);</li>
 *   <li>several faces — prominence of the strongest other face relative to the main face;</li>
 *   <li>detection confidence — the detector's score (occlusion by hands, masks or objects lowers it; the models
 *       offer no dedicated occlusion output, so this is the occlusion signal available).</li>
 * </ul>
 */
public final class ImageQualityAssessor implements QualityAssessor {
    /** Skin region of the aligned 112×112 face: between the eyebrows' level and the chin, inside the cheeks. */
    static final Rect SKIN = new Rect(24, 36, 64, 68);

    @Override
    public QualityReport assess(QualityEvidence ev, QualityProfile p) {
        List<QualityCheck> checks = new ArrayList<>();
        DetectedFace face = ev.face();
        int iw = ev.image().width(), ih = ev.image().height();

        add(checks, p, IMAGE_WIDTH, iw, p.minImageWidth(), Rule.AT_LEAST, "px",
                "use a higher-resolution image");
        add(checks, p, IMAGE_HEIGHT, ih, p.minImageHeight(), Rule.AT_LEAST, "px",
                "use a higher-resolution image");
        add(checks, p, INTERPUPILLARY_DISTANCE, face.alignmentPoints().interpupillaryDistance(),
                p.minInterpupillaryDistance(), Rule.AT_LEAST, "px", "move closer to the camera");
        add(checks, p, YAW, Math.abs(ev.pose().yaw()), p.maxYaw(), Rule.AT_MOST, "deg", "look straight at the camera");
        add(checks, p, PITCH, Math.abs(ev.pose().pitch()), p.maxPitch(), Rule.AT_MOST, "deg",
                "hold the head level, not tilted up or down");
        add(checks, p, ROLL, Math.abs(ev.pose().roll()), p.maxRoll(), Rule.AT_MOST, "deg",
                "hold the head upright");

        Mat grey = new Mat();
        Imgproc.cvtColor(OpenCvImage.of(ev.alignedFace()).mat(), grey, Imgproc.COLOR_BGR2GRAY);
        try {
            add(checks, p, SHARPNESS, laplacianVariance(grey), p.minSharpness(), Rule.AT_LEAST, "laplacian var",
                    "hold still and make sure the face is in focus");
            Photometry ph = photometry(grey);
            add(checks, p, GREY_RANGE_SHARE, ph.midShare, p.minGreyRangeShare(), Rule.AT_LEAST, "share",
                    "use even, moderate lighting");
            add(checks, p, BRIGHTNESS_LOW, ph.mean, p.minBrightness(), Rule.AT_LEAST, "grey level",
                    "more light on the face");
            add(checks, p, BRIGHTNESS_HIGH, ph.mean, p.maxBrightness(), Rule.AT_MOST, "grey level",
                    "less light on the face");
            add(checks, p, UNEVEN_LIGHTING, ph.unevenness, p.maxUnevenLighting(), Rule.AT_MOST, "ratio",
                    "light the face evenly from the front (no strong side light or shadow)");
            add(checks, p, OVEREXPOSED_SHARE, ph.overShare, p.maxOverexposedShare(), Rule.AT_MOST, "share",
                    "avoid glare and direct light");
            add(checks, p, UNDEREXPOSED_SHARE, ph.underShare, p.maxUnderexposedShare(), Rule.AT_MOST, "share",
                    "avoid deep shadow on the face");
        } finally {
            OpenCvImage.wipe(grey);
        }

        add(checks, p, EYES_OPEN, ev.eyes().meanOpen(), p.minEyesOpen(), Rule.AT_LEAST, "probability",
                "open both eyes");
        add(checks, p, MOUTH_OPEN, face.landmarks().mouthOpenRatio(), p.maxMouthOpen(), Rule.AT_MOST, "ratio",
                "close the mouth");
        add(checks, p, COMPLETENESS, completeness(face, iw, ih), p.minCompleteness(), Rule.AT_LEAST, "share",
                "bring the whole face into the picture");
        add(checks, p, GEOMETRY, ev.alignmentResidual(), p.maxAlignmentResidual(), Rule.AT_MOST, "ratio",
                "face the camera squarely");
        double competing = 0;
        for (DetectedFace o : ev.otherFaces()) {
            competing = Math.max(competing, face.prominence() > 0 ? o.prominence() / face.prominence() : 1);
        }
        add(checks, p, SEVERAL_FACES, competing, p.maxCompetingFaceRatio(), Rule.AT_MOST, "ratio",
                "only one person should be in the picture");
        add(checks, p, DETECTION_CONFIDENCE, face.score(), p.minDetectionScore(), Rule.AT_LEAST, "probability",
                "remove anything covering the face");
        return new QualityReport(p.name(), checks);
    }

    private static void add(List<QualityCheck> checks, QualityProfile p, String name, double measured,
                            double threshold, Rule rule, String unit, String advice) {
        checks.add(QualityCheck.of(name, measured, threshold, rule, unit, p.isEnforced(name), advice));
    }

    static double laplacianVariance(Mat grey) {
        Mat lap = new Mat();
        Imgproc.Laplacian(grey, lap, CvType.CV_64F);
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(lap, mean, std);
        double s = std.toArray()[0];
        lap.release();
        mean.release();
        std.release();
        return s * s;
    }

    record Photometry(double mean, double midShare, double overShare, double underShare, double unevenness) {
    }

    static Photometry photometry(Mat grey) {
        byte[] px = new byte[grey.rows() * grey.cols()];
        grey.get(0, 0, px);
        int cols = grey.cols();
        long sum = 0, sumL = 0, sumR = 0;
        int n = 0, nL = 0, nR = 0, mid = 0, over = 0, under = 0;
        int centre = SKIN.x + SKIN.width / 2;
        for (int y = SKIN.y; y < SKIN.y + SKIN.height; y++) {
            for (int x = SKIN.x; x < SKIN.x + SKIN.width; x++) {
                int v = px[y * cols + x] & 0xFF;
                sum += v;
                n++;
                if (x < centre) {
                    sumL += v;
                    nL++;
                } else {
                    sumR += v;
                    nR++;
                }
                if (v >= 85 && v <= 200) {
                    mid++;
                }
                if (v > 245) {
                    over++;
                }
                if (v < 25) {
                    under++;
                }
            }
        }
        Arrays.fill(px, (byte) 0);
        double l = (double) sumL / nL, r = (double) sumR / nR;
        double uneven = Math.max(l, r) <= 0 ? 0 : Math.abs(l - r) / Math.max(l, r);
        return new Photometry((double) sum / n, (double) mid / n, (double) over / n, (double) under / n, uneven);
    }

    static double completeness(DetectedFace face, int w, int h) {
        int inside = 0;
        for (Point2 pt : face.landmarks().points()) {
            if (pt.x() >= 0 && pt.y() >= 0 && pt.x() < w && pt.y() < h) {
                inside++;
            }
        }
        return inside / 68.0;
    }
}
