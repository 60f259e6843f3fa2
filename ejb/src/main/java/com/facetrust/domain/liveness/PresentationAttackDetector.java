package com.facetrust.domain.liveness;

import com.facetrust.domain.face.BoundingBox;
import java.time.Instant;
import java.util.List;

/**
 * The one interface the recognition API (issue 5) needs for liveness: every check the server runs itself, judged
 * from what it measured (A-4 b). Frames arrive encoded (JPEG/PNG…) with capture timestamps relative to the first
 * frame; the implementation decodes them safely and keeps no image. Failures a caller can cause (corrupt frame,
 * unknown/used/expired nonce) are thrown as {@link com.facetrust.domain.failure.FaceTrustException} with their code;
 * {@link LivenessOutcome#failureOf(LivenessJudgement)} maps a judgement that is not LIVE to its failure code.
 */
public interface PresentationAttackDetector {

    /** Single-frame check on the main face of one image (A-5.5.2 a). */
    LivenessJudgement judgeImage(byte[] image);

    /** Multi-frame check on a burst (A-5.5.2 a). */
    LivenessJudgement judgeBurst(List<byte[]> frames, long[] timestampsMillis);

    /** Issues an active challenge with {@code actionCount} random ordered actions. */
    LivenessChallenge issueActiveChallenge(int actionCount, Instant now);

    /** Issues a light-response challenge with {@code colourCount} random colours (A-5.5.2 b). */
    LivenessChallenge issueLightChallenge(int colourCount, Instant now);

    /**
     * Redeems the nonce (single use; expired or unknown → exception) and judges the submitted frames against the
     * challenge it names — actions or colour sequence — together with the multi-frame check on the same frames.
     */
    LivenessJudgement judgeChallenge(String nonce, List<byte[]> frames, long[] timestampsMillis, Instant receivedAt);

    /** Planar-face check when a depth map accompanies the image (D-6.1.2 e). */
    LivenessJudgement judgeDepth(DepthMap depth, BoundingBox face);
}
