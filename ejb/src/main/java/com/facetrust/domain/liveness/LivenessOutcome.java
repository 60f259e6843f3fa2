package com.facetrust.domain.liveness;

import com.facetrust.domain.failure.FailureCode;
import java.util.Optional;

/**
 * Maps a judgement to the failure the transaction ends with (A-5.7.3 d: on attack cancel with its code and raise
 * an alarm — the codes' event level is ALARM). LIVE → none.
 */
public final class LivenessOutcome {

    private LivenessOutcome() {
    }

    public static Optional<FailureCode> failureOf(LivenessJudgement j) {
        return switch (j.verdict()) {
            case LIVE -> Optional.empty();
            case ATTACK -> Optional.of(j.reasons().contains("face.changedDuringChallenge")
                    || j.reasons().contains("face.jumped")
                    ? FailureCode.FACE_CHANGED_DURING_CHALLENGE : FailureCode.PRESENTATION_ATTACK);
            case INCONCLUSIVE -> Optional.of(j.reasons().stream().anyMatch(r -> r.startsWith("action.notObserved"))
                    ? FailureCode.CHALLENGE_NOT_PERFORMED : FailureCode.LIVENESS_INCONCLUSIVE);
        };
    }
}
