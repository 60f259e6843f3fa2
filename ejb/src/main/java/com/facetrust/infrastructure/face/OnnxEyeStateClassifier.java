package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.EyeState;
import com.facetrust.domain.face.EyeStateClassifier;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import org.opencv.core.Mat;

/**
 * {@code fr_eye.onnx}: a square grey crop around each eye (centre of the four eyelid points, side 1.6× the
 * corner-to-corner width), 24×24, p / 255; softmax of two logits. Which index means "open" was checked by
 * measurement (docs/models.md).
 */
public final class OnnxEyeStateClassifier implements EyeStateClassifier {
    private final OnnxModel model;
    private final int openIndex;

    public OnnxEyeStateClassifier(OnnxModel model) {
        this(model, 1);
    }

    OnnxEyeStateClassifier(OnnxModel model, int openIndex) {
        this.model = model;
        this.openIndex = openIndex;
    }

    @Override
    public EyeState classify(FaceImage image, Landmarks68 lm) {
        Mat src = OpenCvImage.of(image).mat();
        return new EyeState(openProbability(src, lm, 36, 39, 37, 38, 40, 41),
                openProbability(src, lm, 42, 45, 43, 44, 46, 47));
    }

    private double openProbability(Mat src, Landmarks68 lm, int corner1, int corner2, int... lids) {
        double cx = 0, cy = 0;
        for (int i : lids) {
            Point2 p = lm.get(i);
            cx += p.x();
            cy += p.y();
        }
        cx /= lids.length;
        cy /= lids.length;
        double size = Math.max(4, lm.get(corner1).distanceTo(lm.get(corner2)) * 1.6);
        float[] input = PixelTensors.greyPatch(src, (int) Math.round(cx - size / 2), (int) Math.round(cy - size / 2),
                (int) Math.round(size), (int) Math.round(size), 24, 255f);
        float[] logits = model.run(input, new long[]{1, 1, 24, 24}).values().iterator().next();
        return PixelTensors.softmax(logits, 0, 2)[openIndex];
    }
}
