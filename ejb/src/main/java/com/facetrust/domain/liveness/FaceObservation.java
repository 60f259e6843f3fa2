package com.facetrust.domain.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.EyeState;
import com.facetrust.domain.face.HeadPose;
import com.facetrust.domain.face.Landmarks68;
import java.util.Objects;

/**
 * What was measured on the main face of one frame. Only measurements are kept — never pixels — so a burst can be
 * judged, logged and audited without retaining a face image.
 *
 * @param timestampMillis capture time relative to the first frame of the burst
 * @param box             face box in pixels
 * @param landmarks       68 points in pixels
 * @param pose            head pose (the engine's convention, docs/models.md), or null when not measured
 * @param eyes            eye-open probabilities, or null when not measured
 * @param embedding       L2-normalised identity embedding, or null when this frame was not sampled for identity
 * @param skin            mean colour of the cheeks and forehead, or null when not measured
 * @param passiveScore    live probability of the single-frame model — the lowest among the faces in the frame big
 *                        enough to judge — or NaN when not run on this frame
 * @param sharpness       variance of the Laplacian of the face box resampled to 96×96 grey (motion blur and
 *                        defocus lower it), or NaN when not measured
 */
public record FaceObservation(long timestampMillis, BoundingBox box, Landmarks68 landmarks, HeadPose pose,
                              EyeState eyes, float[] embedding, ColourMeans skin, double passiveScore,
                              double sharpness) {

    public FaceObservation {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
    }

    /** Eye aspect ratio (Soukupová and Čech 2016), mean of both eyes: about 0.25–0.35 open, below ~0.15 closed. */
    public double eyeAspectRatio() {
        return (eyeAspect(36, 37, 38, 39, 40, 41) + eyeAspect(42, 43, 44, 45, 46, 47)) / 2;
    }

    private double eyeAspect(int c1, int t1, int t2, int c2, int b2, int b1) {
        double width = landmarks.get(c1).distanceTo(landmarks.get(c2));
        if (width <= 0) {
            return 0;
        }
        return (landmarks.get(t1).distanceTo(landmarks.get(b1)) + landmarks.get(t2).distanceTo(landmarks.get(b2)))
                / (2 * width);
    }

    /** Distance between the eye centres in pixels: the scale all landmark motions are divided by. */
    public double interocularDistance() {
        return landmarks.alignmentPoints().interpupillaryDistance();
    }
}
