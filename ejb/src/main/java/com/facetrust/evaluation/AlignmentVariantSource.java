package com.facetrust.evaluation;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OnnxLandmarker;
import com.facetrust.infrastructure.face.OpenCvImage;
import com.facetrust.infrastructure.face.SafeImageDecoder;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;

/**
 * Measures alternatives to the engine's alignment and preprocessing (A-5.3: "measure, do not assume") without
 * changing the engine: the engine's decoder, detector, landmarks and embedder are used, only the step from the 68
 * landmarks to the 112×112 aligned face (and an optional contrast normalisation of it) is replaced. Quality is not
 * judged on this path; failures are the engine's coded ones (NO_FACE, IMAGE_*).
 */
public final class AlignmentVariantSource implements EmbeddingSource {

    /** How the 68 landmarks become the aligned face. */
    public enum Alignment {
        /** The engine's own aligner (eye centres from eyelids, nose tip, mouth = mean of outer/inner corners). */
        ENGINE,
        /** The same transform re-implemented here: must reproduce ENGINE (a check on this harness). */
        FIVE_POINT,
        /** Mouth corners from the outer lip corners (48, 54) only. */
        OUTER_MOUTH,
        /** Eye centres as the mean of all six eye points (corners included). */
        SIX_POINT_EYES,
        /** FIVE_POINT, but the image is first shrunk with area averaging when the face is downscaled (anti-aliasing). */
        ANTIALIASED,
        /** FIVE_POINT with the border replicated instead of black where the face touches the image edge. */
        REPLICATE_BORDER,
        /** Landmarks located in a square box (side = the longer side of the detector box, same centre). */
        SQUARE_BOX,
        /**
         * Landmarks averaged over the image and its mirror image (the mirror's 68 points mapped back with the
         * iBUG left/right permutation): test-time augmentation of the landmarker to steady the alignment.
         */
        LANDMARK_FLIP_AVERAGE,
        /** LANDMARK_FLIP_AVERAGE with ANTIALIASED warping. */
        LANDMARK_FLIP_ANTIALIASED
    }

    /** iBUG 68-point index of each point's mirror partner. */
    private static final int[] MIRROR = mirrorPermutation();

    private static int[] mirrorPermutation() {
        int[] m = new int[68];
        for (int i = 0; i < 68; i++) {
            m[i] = i;
        }
        int[][] pairs = {{17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22}, {31, 35}, {32, 34}, {36, 45}, {37, 44},
                {38, 43}, {39, 42}, {40, 47}, {41, 46}, {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64},
                {61, 63}, {65, 67}};
        for (int i = 0; i <= 16; i++) {
            m[i] = 16 - i;
        }
        for (int[] p : pairs) {
            m[p[0]] = p[1];
            m[p[1]] = p[0];
        }
        return m;
    }

    /** Contrast/brightness normalisation of the aligned face. */
    public enum Preprocess {
        NONE,
        /** CLAHE on the L channel (Lab), clip limit 2, 4×4 tiles. */
        CLAHE_LIGHTNESS,
        /** Global histogram equalisation of the Y channel (YCrCb). */
        EQUALIZE_LUMA
    }

    private static final double[][] REFERENCE = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};

    private final FaceEngine engine;
    private final OnnxLandmarker landmarker;
    private final Alignment alignment;
    private final Preprocess preprocess;
    private final String version;

    public AlignmentVariantSource(EngineConfig config, Alignment alignment, Preprocess preprocess) {
        this.engine = FaceEngine.fromClasspathModels(config);
        this.landmarker = new OnnxLandmarker(engine.model("fr_landmark.onnx"));
        this.alignment = alignment;
        this.preprocess = preprocess;
        this.version = "alignment-variant " + alignment + " preprocess=" + preprocess + " " + config + " code=" + FaceEngineEmbeddingSource.codeDigest() + " models="
                + engine.manifest().stream().map(m -> m.sha256().substring(0, 8)).toList();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public ImageOutcome process(byte[] image) {
        long start = System.nanoTime();
        try {
            SafeImageDecoder.Decoded decoded = engine.decode(image);
            try (OpenCvImage img = decoded.image()) {
                List<DetectedFace> faces = engine.detectFaces(img);
                if (faces.isEmpty()) {
                    throw new FaceTrustException(FailureCode.NO_FACE, "no face");
                }
                DetectedFace main = faces.get(0);
                try (OpenCvImage aligned = align(img, main)) {
                    preprocess(aligned.mat());
                    float[] e = engine.embedAligned(aligned).values();
                    double ms = (System.nanoTime() - start) / 1e6;
                    return new ImageOutcome(e, null, List.of(), Map.of("detection_score", main.score(),
                            "interpupillary_distance", main.alignmentPoints().interpupillaryDistance()), ms);
                }
            }
        } catch (FaceTrustException ex) {
            return ImageOutcome.failed(ex.failureCode().name(), ex.reasons(), (System.nanoTime() - start) / 1e6);
        }
    }

    private OpenCvImage align(OpenCvImage img, DetectedFace face) {
        if (alignment == Alignment.ENGINE) {
            return engine.align(img, face.alignmentPoints());
        }
        Landmarks68 l = switch (alignment) {
            case SQUARE_BOX -> landmarker.locate(img, square(face.box()));
            case LANDMARK_FLIP_AVERAGE, LANDMARK_FLIP_ANTIALIASED -> flipAveraged(img, face);
            default -> face.landmarks();
        };
        Point2[] pts = {
                alignment == Alignment.SIX_POINT_EYES ? mean(l, 36, 37, 38, 39, 40, 41) : mean(l, 37, 38, 40, 41),
                alignment == Alignment.SIX_POINT_EYES ? mean(l, 42, 43, 44, 45, 46, 47) : mean(l, 43, 44, 46, 47),
                l.get(30),
                alignment == Alignment.OUTER_MOUTH ? l.get(48) : mean(l, 48, 60),
                alignment == Alignment.OUTER_MOUTH ? l.get(54) : mean(l, 54, 64)};
        Mat src = img.mat();
        Mat shrunk = null;
        double[] m = transform(pts);
        double scale = Math.hypot(m[0], m[3]);
        if ((alignment == Alignment.ANTIALIASED || alignment == Alignment.LANDMARK_FLIP_ANTIALIASED) && scale < 0.8) {
            // Area-average the whole image down to (about) the output scale first, so the warp samples pixels
            // that already integrate their neighbourhood instead of skipping most of them.
            double f = scale;
            shrunk = new Mat();
            Imgproc.resize(src, shrunk, new Size(Math.max(1, Math.round(src.cols() * f)),
                    Math.max(1, Math.round(src.rows() * f))), 0, 0, Imgproc.INTER_AREA);
            double fx = shrunk.cols() / (double) src.cols(), fy = shrunk.rows() / (double) src.rows();
            for (int i = 0; i < pts.length; i++) {
                pts[i] = new Point2(pts[i].x() * fx, pts[i].y() * fy);
            }
            m = transform(pts);
            src = shrunk;
        }
        Mat matrix = new Mat(2, 3, CvType.CV_64F);
        matrix.put(0, 0, m);
        Mat out = new Mat();
        Imgproc.warpAffine(src, out, matrix, new Size(112, 112), Imgproc.INTER_LINEAR,
                alignment == Alignment.REPLICATE_BORDER ? Core.BORDER_REPLICATE : Core.BORDER_CONSTANT,
                Scalar.all(0));
        matrix.release();
        if (shrunk != null) {
            shrunk.release();
        }
        return new OpenCvImage(out);
    }

    private static BoundingBox square(BoundingBox b) {
        double side = Math.max(b.width(), b.height());
        Point2 c = b.centre();
        return new BoundingBox(c.x() - side / 2, c.y() - side / 2, c.x() + side / 2, c.y() + side / 2);
    }

    private Landmarks68 flipAveraged(OpenCvImage img, DetectedFace face) {
        int w = img.width();
        Mat mirrored = new Mat();
        Core.flip(img.mat(), mirrored, 1);
        Landmarks68 m;
        try (OpenCvImage flipped = new OpenCvImage(mirrored)) {
            BoundingBox b = face.box();
            m = landmarker.locate(flipped, new BoundingBox(w - 1 - b.x2(), b.y1(), w - 1 - b.x1(), b.y2()));
        }
        List<Point2> avg = new java.util.ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            Point2 a = face.landmarks().get(i);
            Point2 f = m.get(MIRROR[i]);
            avg.add(new Point2((a.x() + (w - 1 - f.x())) / 2, (a.y() + f.y()) / 2));
        }
        return new Landmarks68(avg);
    }

    private void preprocess(Mat bgr) {
        switch (preprocess) {
            case NONE -> {
            }
            case CLAHE_LIGHTNESS -> {
                Mat lab = new Mat();
                Imgproc.cvtColor(bgr, lab, Imgproc.COLOR_BGR2Lab);
                List<Mat> ch = new java.util.ArrayList<>();
                Core.split(lab, ch);
                CLAHE clahe = Imgproc.createCLAHE(2.0, new Size(4, 4));
                clahe.apply(ch.get(0), ch.get(0));
                Core.merge(ch, lab);
                Imgproc.cvtColor(lab, bgr, Imgproc.COLOR_Lab2BGR);
                lab.release();
                ch.forEach(Mat::release);
            }
            case EQUALIZE_LUMA -> {
                Mat ycc = new Mat();
                Imgproc.cvtColor(bgr, ycc, Imgproc.COLOR_BGR2YCrCb);
                List<Mat> ch = new java.util.ArrayList<>();
                Core.split(ycc, ch);
                Imgproc.equalizeHist(ch.get(0), ch.get(0));
                Core.merge(ch, ycc);
                Imgproc.cvtColor(ycc, bgr, Imgproc.COLOR_YCrCb2BGR);
                ycc.release();
                ch.forEach(Mat::release);
            }
        }
    }

    private static Point2 mean(Landmarks68 l, int... idx) {
        double x = 0, y = 0;
        for (int i : idx) {
            x += l.get(i).x();
            y += l.get(i).y();
        }
        return new Point2(x / idx.length, y / idx.length);
    }

    /** Least-squares similarity (Umeyama without reflection) from the points to the ArcFace reference. */
    static double[] transform(Point2[] pts) {
        int n = pts.length;
        double mx = 0, my = 0, rx = 0, ry = 0;
        for (int i = 0; i < n; i++) {
            mx += pts[i].x();
            my += pts[i].y();
            rx += REFERENCE[i][0];
            ry += REFERENCE[i][1];
        }
        mx /= n;
        my /= n;
        rx /= n;
        ry /= n;
        double num1 = 0, num2 = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double px = pts[i].x() - mx, py = pts[i].y() - my;
            double qx = REFERENCE[i][0] - rx, qy = REFERENCE[i][1] - ry;
            num1 += px * qx + py * qy;
            num2 += px * qy - py * qx;
            den += px * px + py * py;
        }
        double a = num1 / den, b = num2 / den;
        return new double[] {a, -b, rx - (a * mx - b * my), b, a, ry - (b * mx + a * my)};
    }

    @Override
    public void close() {
        engine.close();
    }
}
