package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.HeadPose;
import com.facetrust.domain.face.HeadPoseEstimator;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;
import java.util.Map;

/**
 * {@code fr_pose.onnx} (HopeNet-like): box enlarged by 25 % on each side, 224×224, ImageNet mean/std; three
 * 66-bin outputs (yaw, pitch, roll), angle = Σ softmax(bin)·i·3 − 99 degrees. Sign conventions and channel order
 * were checked by measurement (docs/models.md).
 */
public final class OnnxHeadPoseEstimator implements HeadPoseEstimator {
    private static final float[] MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255};
    private static final float[] STD = {0.229f * 255, 0.224f * 255, 0.225f * 255};
    /**
     * Added to the model's pitch: frontal portraits read ≈ −10° with our detector's boxes (deepface mean −10.2°,
     * n = 61; celeba-dev −11.5°, n = 771), so without it a level head would be judged tilted.
     */
    static final double PITCH_OFFSET = 10.0;
    private final OnnxModel model;
    private final PixelTensors.Order order;
    private final List<String> outputs;

    public OnnxHeadPoseEstimator(OnnxModel model) {
        this(model, PixelTensors.Order.RGB);
    }

    OnnxHeadPoseEstimator(OnnxModel model, PixelTensors.Order order) {
        this.model = model;
        this.order = order;
        this.outputs = model.outputNames(); // yaw, pitch, roll in the graph's output order
    }

    @Override
    public HeadPose estimate(FaceImage image, BoundingBox box) {
        Mat src = OpenCvImage.of(image).mat();
        double w = box.width(), h = box.height();
        Mat crop = Crops.padded(src, (int) Math.round(box.x1() - w / 4), (int) Math.round(box.y1() - h / 4),
                (int) Math.round(w * 1.5), (int) Math.round(h * 1.5));
        Mat resized = new Mat();
        Imgproc.resize(crop, resized, new Size(224, 224), 0, 0, Imgproc.INTER_LINEAR);
        OpenCvImage.wipe(crop);
        float[] input = PixelTensors.chw(resized, order, MEAN, STD);
        OpenCvImage.wipe(resized);
        Map<String, float[]> out = model.run(input, new long[]{1, 3, 224, 224});
        return new HeadPose(angle(out.get(outputs.get(0))), angle(out.get(outputs.get(1))) + PITCH_OFFSET,
                angle(out.get(outputs.get(2))));
    }

    private static double angle(float[] logits) {
        float[] p = PixelTensors.softmax(logits, 0, logits.length);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] * i;
        }
        return sum * 3 - 99;
    }
}
