package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.infrastructure.face.OnnxModel;
import com.facetrust.infrastructure.face.OpenCvImage;
import java.util.Arrays;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * {@code fr_liveness.onnx} (MiniFASNet-like) on one face: the detector box scaled ×2.7 around its centre, shifted
 * (not padded) to stay inside the frame, resized to 128×128, raw 0–255 values in BGR channel order, softmax over
 * three classes of which index 0 is "live". The crop replicates the model package's own JavaScript
 * ({@code alignLivenessImage}); the channel order is the one measured best (docs/performance.md, "Presentation-attack
 * detection": BGR vs RGB on nuaa-dev).
 *
 * <p>The crop and its mirror image are both scored and their log-odds averaged ({@link Views#CROP_AND_MIRROR}): a
 * face and its mirror are the same presentation, but the network's answer to one crop is noisy. Measured on nuaa-dev
 * (581 live / 583 print): with the crop alone one live frame scored below the highest print (logit −3.29 vs −3.13);
 * with the mirror fused, the lowest live frame is 1.7 logits above the highest print (D-7.3; docs/performance.md).
 * The price is a second inference (≈ 5 ms).
 */
public final class PassiveLivenessModel {

    public static final String MODEL_FILE = "fr_liveness.onnx";
    static final double CROP_SCALE = 2.7;
    static final int SIZE = 128;
    /**
     * Log-odds distance from a decision threshold beyond which the mirror view is not scored. Outside it the views
     * would have to differ by more than 10 log-odds to change the decision: twice the largest crop–mirror
     * difference measured on nuaa-dev (4.7 over 1 164 frames; median 0.9).
     */
    static final double MIRROR_BAND = 5;

    /** Channel order fed to the network; BGR measured best, RGB kept only to repeat that measurement. */
    public enum ChannelOrder { BGR, RGB }

    /** Which views of the face are scored; the crop alone is kept only to repeat the measurement that chose both. */
    public enum Views { CROP_AND_MIRROR, CROP }

    private final OnnxModel model;
    private final ChannelOrder order;
    private final Views views;

    public PassiveLivenessModel(OnnxModel model) {
        this(model, ChannelOrder.BGR, Views.CROP_AND_MIRROR);
    }

    public PassiveLivenessModel(OnnxModel model, ChannelOrder order, Views views) {
        this.model = model;
        this.order = order;
        this.views = views;
    }

    /**
     * Probability (0..1) that the face in {@code box} is a live presentation: with {@link Views#CROP_AND_MIRROR} the
     * mean, in log-odds, of the crop's and its mirror image's live probabilities.
     */
    public double liveProbability(FaceImage image, BoundingBox box) {
        return liveProbability(image, box, Double.NaN);
    }

    /**
     * The same score, for a decision at {@code threshold}: the mirror is scored only when the crop's log-odds lie
     * within {@link #MIRROR_BAND} of the threshold's; farther out the crop decides alone. The fused decision can
     * differ from the crop's only where the two views differ by more than twice the band (see {@link #MIRROR_BAND}),
     * so the single-frame check pays the second inference on a few percent of frames (3.9 % of nuaa-dev).
     */
    public double liveProbability(FaceImage image, BoundingBox box, double threshold) {
        Mat src = ((OpenCvImage) image).mat();
        int[] r = cropRect(src.cols(), src.rows(), box);
        Mat roi = src.submat(new Rect(r[0], r[1], r[2], r[3]));
        Mat resized = new Mat();
        Imgproc.resize(roi, resized, new Size(SIZE, SIZE));
        roi.release();
        try {
            double live = live(resized);
            if (views == Views.CROP || !Double.isNaN(threshold)
                    && Math.abs(LogOdds.of(live) - LogOdds.of(threshold)) > MIRROR_BAND) {
                return live;
            }
            Core.flip(resized, resized, 1); // around the vertical axis: the face's mirror image
            return LogOdds.probability((LogOdds.of(live) + LogOdds.of(live(resized))) / 2);
        } finally {
            resized.setTo(new Scalar(0, 0, 0));
            resized.release();
        }
    }

    private double live(Mat bgr128) {
        float[] input = tensor(bgr128, order);
        float[] logits = model.run(input, new long[] {1, 3, SIZE, SIZE}).values().iterator().next();
        Arrays.fill(input, 0f);
        return softmax(logits)[0];
    }

    /**
     * The crop rectangle {x, y, width, height} exactly as the model package computes it: the box scaled by 2.7 (or
     * less, if the frame is smaller) around its centre, shifted back inside the frame where it overflows.
     */
    static int[] cropRect(int srcW, int srcH, BoundingBox box) {
        // The package truncates the detector's box to integers before anything else.
        int x1 = (int) box.x1();
        int y1 = (int) box.y1();
        int boxW = Math.max(1, Math.abs((int) box.x2() - x1));
        int boxH = Math.max(1, Math.abs((int) box.y2() - y1));
        double scale = Math.min((srcH - 1.0) / boxH, Math.min((srcW - 1.0) / boxW, CROP_SCALE));
        double newW = boxW * scale;
        double newH = boxH * scale;
        double cx = boxW / 2.0 + x1;
        double cy = boxH / 2.0 + y1;
        double ltx = cx - newW / 2;
        double lty = cy - newH / 2;
        double rbx = cx + newW / 2;
        double rby = cy + newH / 2;
        if (ltx < 0) {
            rbx -= ltx;
            ltx = 0;
        }
        if (lty < 0) {
            rby -= lty;
            lty = 0;
        }
        if (rbx > srcW - 1) {
            ltx -= rbx - srcW + 1;
            rbx = srcW - 1;
        }
        if (rby > srcH - 1) {
            lty -= rby - srcH + 1;
            rby = srcH - 1;
        }
        int x = Math.max((int) ltx, 0);
        int y = Math.max((int) lty, 0);
        int w = Math.min((int) (rbx - ltx), srcW - 1);
        int h = Math.min((int) (rby - lty), srcH - 1);
        // Guard against rounding pushing the rectangle past the frame (the package relies on OpenCV.js clipping).
        w = Math.max(1, Math.min(w, srcW - x));
        h = Math.max(1, Math.min(h, srcH - y));
        return new int[] {x, y, w, h};
    }

    static float[] tensor(Mat bgr128, ChannelOrder order) {
        int n = SIZE * SIZE;
        byte[] pixels = new byte[n * 3];
        bgr128.get(0, 0, pixels);
        float[] chw = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int src = order == ChannelOrder.BGR ? c : 2 - c;
                chw[c * n + i] = pixels[i * 3 + src] & 0xFF;
            }
        }
        Arrays.fill(pixels, (byte) 0);
        return chw;
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

}
