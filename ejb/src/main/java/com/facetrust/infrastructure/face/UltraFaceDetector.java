package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.FaceCandidate;
import com.facetrust.domain.face.FaceDetector;
import com.facetrust.domain.face.FaceImage;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code fr_detect.onnx} (UltraFace-RFB-320-like): the image is letterboxed to 4:3 (padded right/bottom with mid
 * grey so faces keep their shape), resized to 320×240, fed as (p − 127) / 128; boxes come back decoded and
 * normalised, and are filtered by score, minimum size and non-maximum suppression.
 * Channel order and letterboxing were chosen by measurement (docs/models.md).
 */
public final class UltraFaceDetector implements FaceDetector {
    static final int IN_W = 320, IN_H = 240;
    private final OnnxModel model;
    private final EngineConfig config;
    private final PixelTensors.Order order;
    private final boolean letterbox;

    public UltraFaceDetector(OnnxModel model, EngineConfig config) {
        this(model, config, PixelTensors.Order.RGB, true);
    }

    UltraFaceDetector(OnnxModel model, EngineConfig config, PixelTensors.Order order, boolean letterbox) {
        this.model = model;
        this.config = config;
        this.order = order;
        this.letterbox = letterbox;
    }

    @Override
    public List<FaceCandidate> detect(FaceImage image) {
        Mat src = OpenCvImage.of(image).mat();
        int w = src.cols(), h = src.rows();
        // Letterbox: the canvas has the model's 4:3 aspect and contains the image at its top-left corner.
        double canvasW = w, canvasH = h;
        if (letterbox) {
            if ((double) w / h > (double) IN_W / IN_H) {
                canvasH = w * (double) IN_H / IN_W;
            } else {
                canvasW = h * (double) IN_W / IN_H;
            }
        }
        Mat canvas = src;
        boolean padded = false;
        if (letterbox && ((int) Math.round(canvasW) != w || (int) Math.round(canvasH) != h)) {
            canvas = new Mat();
            Core.copyMakeBorder(src, canvas, 0, (int) Math.round(canvasH) - h, 0, (int) Math.round(canvasW) - w,
                    Core.BORDER_CONSTANT, new Scalar(127, 127, 127));
            padded = true;
        }
        Mat resized = new Mat();
        Imgproc.resize(canvas, resized, new Size(IN_W, IN_H), 0, 0, Imgproc.INTER_LINEAR);
        if (padded) {
            OpenCvImage.wipe(canvas);
        }
        float[] input = PixelTensors.chw(resized, order, 127f, 128f);
        OpenCvImage.wipe(resized);
        Map<String, float[]> out = model.run(input, new long[]{1, 3, IN_H, IN_W});
        float[] scores = out.get("scores");
        float[] boxes = out.get("boxes");
        int n = scores.length / 2;
        double sx = letterbox ? canvasW : w, sy = letterbox ? canvasH : h;
        List<FaceCandidate> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double s = scores[2 * i + 1];
            if (s < config.detectionThreshold()) {
                continue;
            }
            double x1 = boxes[4 * i] * sx, y1 = boxes[4 * i + 1] * sy;
            double x2 = boxes[4 * i + 2] * sx, y2 = boxes[4 * i + 3] * sy;
            if (x2 <= x1 || y2 <= y1 || Math.min(x2 - x1, y2 - y1) < config.minFaceSize()) {
                continue;
            }
            found.add(new FaceCandidate(new BoundingBox(x1, y1, x2, y2), s));
        }
        return nms(found, config.nmsIou());
    }

    static List<FaceCandidate> nms(List<FaceCandidate> boxes, double iouLimit) {
        List<FaceCandidate> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(FaceCandidate::score).reversed());
        List<FaceCandidate> kept = new ArrayList<>();
        for (FaceCandidate c : sorted) {
            boolean overlaps = false;
            for (FaceCandidate k : kept) {
                if (k.box().iou(c.box()) > iouLimit) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        return kept;
    }
}
