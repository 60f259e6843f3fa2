package com.facetrust.application.recognition;

import com.facetrust.domain.recognition.Decision;
import com.facetrust.domain.recognition.RecognitionOperation;

import java.io.Serializable;
import java.util.List;

/**
 * The answer of a recognition transaction: decision, code, transaction id, channel, time, the UID only for
 * an identification MATCH seen by a caller allowed to learn it, the step-up reasons when a second factor is asked
 * for — and {@code jws}, the same fields signed by the server. Deliberately no score, distance or similarity
 * (A-5.7.4 c): there is no field that could carry one.
 */
public record RecognitionAnswer(String transactionId, RecognitionOperation operation, Decision decision, String code,
                                String channel, String decidedAt, String uid, StepUp stepUp, String jws)
        implements Serializable {

    /** Why a second factor is asked for instead of a decision (risk signals such as {@code device.new}). */
    public record StepUp(List<String> reasons) implements Serializable {
        public StepUp {
            reasons = List.copyOf(reasons);
        }
    }
}
