package com.facetrust.domain.liveness;

import java.util.List;

/**
 * The outcome of one check: verdict, a score in [0, 1] (higher = more likely live; used for DET curves), every cue
 * measured, and machine-readable reasons for anything but LIVE.
 */
public record LivenessJudgement(LivenessCheckKind kind, LivenessVerdict verdict, double score, List<LivenessCue> cues,
                                List<String> reasons) {

    public LivenessJudgement {
        cues = List.copyOf(cues);
        reasons = List.copyOf(reasons);
    }

    public boolean isLive() {
        return verdict == LivenessVerdict.LIVE;
    }

    public static LivenessJudgement inconclusive(LivenessCheckKind kind, String reason) {
        return new LivenessJudgement(kind, LivenessVerdict.INCONCLUSIVE, 0.0, List.of(), List.of(reason));
    }
}
