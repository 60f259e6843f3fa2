package com.facetrust.application.enrolment;

import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.CalibratedThresholds;

import java.util.ArrayList;
import java.util.List;

/**
 * Ties what is enrolled to the face whose liveness was judged (issue 6: liveness usable by enrolment,
 * D-7.3): with MULTI_FRAME or CHALLENGE evidence, every face to enrol must match the face of the evidence's
 * first frame — the frame verification uses as its probe; the challenge judge already holds the rest of the frames
 * to that face (FT-6006). Without this tie an attacker could perform the challenge with their own live face and
 * send someone else's photo to enrol.
 *
 * <p>The threshold is the engine's calibrated cosine for a target FAR ({@code facetrust.enrolment.liveness-match-far},
 * default 1e-3), mapped exactly as a recognition channel's ({@code ChannelCatalogue}): the conservative threshold
 * (95 % upper bound of FAR at or below the target) where the calibration reached it, else the point estimate; a
 * target that is not a calibrated power of ten is never rounded to a neighbour — enrolment with live evidence is
 * then unavailable (FT-5106) until configured. docs/performance.md "Enrolment: live face tie" has the measurement
 * behind the default.
 *
 * @param targetFar    the configured target false-accept rate
 * @param threshold    accept a face to enrol when its cosine to the live face is at least this
 * @param conservative whether the threshold is the conservative (upper-bound) one
 */
public record LiveFaceMatch(double targetFar, double threshold, boolean conservative) {

    public static final String FAR_KEY = "facetrust.enrolment.liveness-match-far";
    public static final double DEFAULT_FAR = 1e-3;

    /**
     * The threshold for {@code targetFar} from the calibration.
     *
     * @throws FaceTrustException CHANNEL_UNAVAILABLE (503, ALARM: an operator must fix the configuration) when the
     *                            target is not in (0, 1), not a power of ten or not calibrated
     */
    public static LiveFaceMatch forTargetFar(double targetFar, CalibratedThresholds calibration) {
        if (!(targetFar > 0 && targetFar < 1)) {
            throw unavailable(FAR_KEY + " must be in (0, 1): " + targetFar);
        }
        double exponent = Math.log10(targetFar);
        if (Math.abs(exponent - Math.rint(exponent)) > 1e-9) {
            throw unavailable(FAR_KEY + " = " + targetFar + " is not a calibrated power of ten (1e-3, 1e-4, 1e-5); "
                    + "it is not rounded to one");
        }
        boolean conservative = calibration.conservativeBoundReached(targetFar);
        double threshold = calibration.threshold(targetFar, conservative).orElseThrow(() -> unavailable(FAR_KEY
                + " = " + targetFar + " has no calibrated threshold in " + CalibratedThresholds.RESOURCE));
        return new LiveFaceMatch(targetFar, threshold, conservative);
    }

    private static FaceTrustException unavailable(String problem) {
        return new FaceTrustException(FailureCode.CHANNEL_UNAVAILABLE, "enrolment with live evidence is unavailable: "
                + problem, List.of(FAR_KEY));
    }

    /**
     * Refuses the request with LIVENESS_FACE_MISMATCH (FT-6008, 403, ALARM) unless every face to enrol matches the
     * live face. The reasons name the items that did not match ({@code image 2}, or {@code liveness frame 7}) —
     * never a score, which would help an attacker tune a look-alike.
     *
     * @param live    the embedding of the evidence's first frame
     * @param toEnrol the enrolment embeddings, in request order
     * @param labels  how to name each item in a reason, e.g. "image 1"
     */
    public void requireSameFace(Embedding live, List<Embedding> toEnrol, List<String> labels) {
        if (toEnrol.size() != labels.size()) {
            throw new IllegalArgumentException("one label per embedding");
        }
        List<String> different = new ArrayList<>();
        for (int i = 0; i < toEnrol.size(); i++) {
            if (!(live.cosine(toEnrol.get(i)) >= threshold)) {
                different.add(labels.get(i));
            }
        }
        if (!different.isEmpty()) {
            throw new FaceTrustException(FailureCode.LIVENESS_FACE_MISMATCH, String.join(", ", different)
                    + (different.size() == 1 ? " does" : " do") + " not show the face whose liveness was judged; "
                    + "nothing was enrolled", different);
        }
    }
}
