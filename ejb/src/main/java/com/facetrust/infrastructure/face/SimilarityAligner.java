package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AlignmentPoints;
import com.facetrust.domain.face.FaceAligner;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;

/**
 * Least-squares similarity transform (rotation, uniform scale, translation; the 2-D Umeyama solution without
 * reflection) from the five points to the standard ArcFace 112×112 reference, then {@code warpAffine}
 * rotation correction and uniform size). All five points are used, not three as in the models' JS.
 */
public final class SimilarityAligner implements FaceAligner {
    public static final int SIZE = 112;
    /** ArcFace reference layout for 112×112: eye centres, nose tip, mouth corners. */
    static final double[][] REFERENCE = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};
    private static final double REFERENCE_IPD = Math.hypot(73.5318 - 38.2946, 51.5014 - 51.6963);

    /** The 2×3 matrix [[a, −b, tx], [b, a, ty]] mapping image points onto the reference. */
    static double[] transform(List<Point2> pts) {
        int n = pts.size();
        double mx = 0, my = 0, rx = 0, ry = 0;
        for (int i = 0; i < n; i++) {
            mx += pts.get(i).x();
            my += pts.get(i).y();
            rx += REFERENCE[i][0];
            ry += REFERENCE[i][1];
        }
        mx /= n; my /= n; rx /= n; ry /= n;
        double num1 = 0, num2 = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double px = pts.get(i).x() - mx, py = pts.get(i).y() - my;
            double qx = REFERENCE[i][0] - rx, qy = REFERENCE[i][1] - ry;
            num1 += px * qx + py * qy;
            num2 += px * qy - py * qx;
            den += px * px + py * py;
        }
        if (!(den > 1e-9) || !Double.isFinite(den)) {
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED,
                    "the face's alignment points are degenerate");
        }
        double a = num1 / den, b = num2 / den;
        double tx = rx - (a * mx - b * my), ty = ry - (b * mx + a * my);
        return new double[]{a, -b, tx, b, a, ty};
    }

    @Override
    public double alignmentResidual(AlignmentPoints points) {
        List<Point2> pts = points.asList();
        double[] m = transform(pts);
        double sum = 0;
        for (int i = 0; i < pts.size(); i++) {
            double x = m[0] * pts.get(i).x() + m[1] * pts.get(i).y() + m[2];
            double y = m[3] * pts.get(i).x() + m[4] * pts.get(i).y() + m[5];
            sum += Math.pow(x - REFERENCE[i][0], 2) + Math.pow(y - REFERENCE[i][1], 2);
        }
        return Math.sqrt(sum / pts.size()) / REFERENCE_IPD;
    }

    @Override
    public FaceImage align(FaceImage image, AlignmentPoints points) {
        double[] m = transform(points.asList());
        Mat matrix = new Mat(2, 3, CvType.CV_64F);
        matrix.put(0, 0, m);
        Mat out = new Mat();
        Imgproc.warpAffine(OpenCvImage.of(image).mat(), out, matrix, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR,
                Core.BORDER_CONSTANT, Scalar.all(0));
        matrix.release();
        return new OpenCvImage(out);
    }
}
