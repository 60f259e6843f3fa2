package com.facetrust.domain.liveness;

import java.util.List;

/**
 * The main face followed through a burst of frames, in capture order.
 *
 * @param observations           one per frame in which a face was found
 * @param framesSubmitted        frames received (with or without a face)
 * @param framesWithoutFace      frames in which no face was found
 * @param framesWithSeveralFaces frames in which more than one face was found (a second face may be a held-up photo
 *                               or the attacker behind a screen)
 */
public record FaceTrack(List<FaceObservation> observations, int framesSubmitted, int framesWithoutFace,
                        int framesWithSeveralFaces) {

    public FaceTrack {
        observations = List.copyOf(observations);
    }

    public static FaceTrack of(List<FaceObservation> observations) {
        return new FaceTrack(observations, observations.size(), 0, 0);
    }

    /** Time from the first to the last observation in seconds. */
    public double durationSeconds() {
        if (observations.size() < 2) {
            return 0;
        }
        return (observations.get(observations.size() - 1).timestampMillis()
                - observations.get(0).timestampMillis()) / 1000.0;
    }

    public int size() {
        return observations.size();
    }
}
