package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.Landmarker;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fr_landmark.onnx}: the detector box is cropped (border replicated where it leaves the image), turned
 * grey, resized to 64×64 and fed as p / 256; the 136 outputs are x,y fractions of the box.
 */
public final class OnnxLandmarker implements Landmarker {
    private final OnnxModel model;

    public OnnxLandmarker(OnnxModel model) {
        this.model = model;
    }

    @Override
    public Landmarks68 locate(FaceImage image, BoundingBox box) {
        Mat src = OpenCvImage.of(image).mat();
        int x = (int) Math.floor(box.x1()), y = (int) Math.floor(box.y1());
        int w = (int) Math.round(box.width()), h = (int) Math.round(box.height());
        float[] input = PixelTensors.greyPatch(src, x, y, w, h, 64, 256f);
        float[] out = model.run(input, new long[]{1, 1, 64, 64}).values().iterator().next();
        List<Point2> pts = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            pts.add(new Point2(x + out[2 * i] * w, y + out[2 * i + 1] * h));
        }
        return new Landmarks68(pts);
    }
}
