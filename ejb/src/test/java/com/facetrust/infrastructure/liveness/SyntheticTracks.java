package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.face.HeadPose;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds face observations with a chosen eye aspect ratio, mouth opening and head pose, for unit tests of the
 * action logic on synthetic time series. Geometry: a 100-pixel face, eyes 15 px wide, mouth 30 px wide.
 */
final class SyntheticTracks {

    private SyntheticTracks() {
    }

    static Landmarks68 landmarks(double ear, double mouthRatio, double dx) {
        Point2[] p = new Point2[68];
        for (int i = 0; i <= 16; i++) { // jaw on a half ellipse
            double a = Math.PI * i / 16;
            p[i] = new Point2(dx + 50 - 45 * Math.cos(a), 45 + 50 * Math.sin(a));
        }
        for (int i = 17; i <= 26; i++) {
            p[i] = new Point2(dx + 25 + (i - 17) * 5.5, 30);
        }
        for (int i = 27; i <= 35; i++) {
            p[i] = new Point2(dx + 50 + (i >= 31 ? (i - 33) * 3 : 0), 42 + (i - 27) * 3);
        }
        p[30] = new Point2(dx + 50, 60);
        double h = ear * 15 / 2; // EAR = 4h / (2·15)
        eye(p, 36, dx + 30, h);
        eye(p, 42, dx + 55, h);
        double g = mouthRatio * 30;
        p[48] = new Point2(dx + 35, 75);
        p[54] = new Point2(dx + 65, 75);
        for (int i = 49; i <= 53; i++) {
            p[i] = new Point2(dx + 35 + (i - 48) * 5, 75 - g / 2 - 3);
        }
        for (int i = 55; i <= 59; i++) {
            p[i] = new Point2(dx + 65 - (i - 54) * 5, 75 + g / 2 + 3);
        }
        p[60] = new Point2(dx + 38, 75);
        p[64] = new Point2(dx + 62, 75);
        p[61] = new Point2(dx + 44, 75 - g / 2);
        p[62] = new Point2(dx + 50, 75 - g / 2);
        p[63] = new Point2(dx + 56, 75 - g / 2);
        p[65] = new Point2(dx + 56, 75 + g / 2);
        p[66] = new Point2(dx + 50, 75 + g / 2);
        p[67] = new Point2(dx + 44, 75 + g / 2);
        return new Landmarks68(List.of(p));
    }

    private static void eye(Point2[] p, int first, double x, double h) {
        p[first] = new Point2(x, 40);
        p[first + 1] = new Point2(x + 4, 40 - h);
        p[first + 2] = new Point2(x + 11, 40 - h);
        p[first + 3] = new Point2(x + 15, 40);
        p[first + 4] = new Point2(x + 11, 40 + h);
        p[first + 5] = new Point2(x + 4, 40 + h);
    }

    /** One frame description; builder-style so tests read as time series. */
    static final class Frame {
        double ear = 0.30;
        double mouth = 0.05;
        double yaw;
        double pitch;
        double dx;
        float[] embedding;
        ColourMeans skin;

        FaceObservation at(long millis) {
            return new FaceObservation(millis, new BoundingBox(dx, 0, dx + 100, 100), landmarks(ear, mouth, dx),
                    new HeadPose(yaw, pitch, 0), null, embedding, skin, Double.NaN, Double.NaN);
        }
    }

    /** Frames at 15 fps; {@code shape} sets each frame's values from its index. */
    static List<FaceObservation> series(int frames, java.util.function.BiConsumer<Integer, Frame> shape) {
        List<FaceObservation> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Frame f = new Frame();
            shape.accept(i, f);
            out.add(f.at(Math.round(i * 1000.0 / 15)));
        }
        return out;
    }

    static float[] unit(int dim, int seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }
}
