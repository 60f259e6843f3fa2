package com.facetrust.infrastructure.face;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/** Converts 8-bit OpenCV images into the planar float tensors the models take. */
final class PixelTensors {
    private PixelTensors() {
    }

    /** Channel order a model expects. */
    enum Order {
        RGB, BGR
    }

    /**
     * 8UC3 BGR image → CHW floats, value = (p − mean[c]) / std[c] with c in the model's channel order. The
     * temporary pixel copy is zeroed before returning.
     */
    static float[] chw(Mat bgr, Order order, float[] mean, float[] std) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected 8UC3, got " + CvType.typeToString(bgr.type()));
        }
        int h = bgr.rows(), w = bgr.cols(), plane = h * w;
        byte[] px = new byte[plane * 3];
        bgr.get(0, 0, px);
        float[] out = new float[plane * 3];
        for (int c = 0; c < 3; c++) {
            int src = order == Order.RGB ? 2 - c : c; // BGR storage
            float m = mean[c], s = 1f / std[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = ((px[i * 3 + src] & 0xFF) - m) * s;
            }
        }
        Arrays.fill(px, (byte) 0);
        return out;
    }

    static float[] chw(Mat bgr, Order order, float mean, float std) {
        return chw(bgr, order, new float[]{mean, mean, mean}, new float[]{std, std, std});
    }

    /** 8UC1 image → floats p / divisor. */
    /**
     * The grey-level input of the small grey models (landmarks, eye state): rectangle (x, y, w, h) of a BGR image,
     * border-replicated where it leaves the frame, resized to side×side and divided by {@code divisor}. Every
     * intermediate Mat is wiped (A-5.7.1f).
     */
    static float[] greyPatch(Mat bgr, int x, int y, int w, int h, int side, float divisor) {
        Mat crop = Crops.padded(bgr, x, y, w, h);
        Mat small = new Mat();
        Imgproc.resize(crop, small, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
        OpenCvImage.wipe(crop);
        Mat grey = new Mat();
        Imgproc.cvtColor(small, grey, Imgproc.COLOR_BGR2GRAY);
        OpenCvImage.wipe(small);
        float[] input = grey(grey, divisor);
        OpenCvImage.wipe(grey);
        return input;
    }

    static float[] grey(Mat grey, float divisor) {
        if (grey.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected 8UC1, got " + CvType.typeToString(grey.type()));
        }
        int n = grey.rows() * grey.cols();
        byte[] px = new byte[n];
        grey.get(0, 0, px);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (px[i] & 0xFF) / divisor;
        }
        Arrays.fill(px, (byte) 0);
        return out;
    }

    static float[] softmax(float[] logits, int from, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double sum = 0;
        float[] p = new float[len];
        for (int i = 0; i < len; i++) {
            p[i] = (float) Math.exp(logits[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < len; i++) {
            p[i] /= (float) sum;
        }
        return p;
    }
}
