package com.facetrust.application.recognition;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.Decision;
import com.facetrust.domain.recognition.RecognitionOperation;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer of a recognition transaction carries a decision, never a score (A-5.7.4 c); failures count right. */
class RecognitionAnswerTest {

    @Test
    void theAnswerHasNoFieldThatCouldCarryAScore() {
        Set<String> fields = Arrays.stream(RecognitionAnswer.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());
        assertEquals(Set.of("transactionId", "operation", "decision", "code", "channel", "decidedAt", "uid",
                "stepUp", "jws"), fields);
        for (RecordComponent c : RecognitionAnswer.class.getRecordComponents()) {
            Class<?> type = c.getType();
            assertFalse(type == double.class || type == float.class || Number.class.isAssignableFrom(type),
                    c.getName() + " is numeric");
        }
        assertEquals(Set.of("reasons"), Arrays.stream(RecognitionAnswer.StepUp.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet()));
    }

    @Test
    void signedClaimsAreTheAnswersFieldsPlusIssuerAudienceAndTime() {
        RecognitionAnswer answer = new RecognitionAnswer("tx-1", RecognitionOperation.VERIFY, Decision.STEP_UP_REQUIRED,
                "FT-5003", "web", "2026-11-22T05:00:00.123Z", null,
                new RecognitionAnswer.StepUp(List.of("device.new", "time.unusual")), null);
        String claims = RecognitionService.claims(answer, "facetrust", "facetrust-internal-app", 1_800_000_000L)
                .text();
        assertEquals("{\"transactionId\":\"tx-1\",\"operation\":\"VERIFY\",\"decision\":\"STEP_UP_REQUIRED\","
                + "\"code\":\"FT-5003\",\"channel\":\"web\",\"decidedAt\":\"2026-11-22T05:00:00.123Z\","
                + "\"stepUp\":{\"reasons\":[\"device.new\",\"time.unusual\"]},\"iss\":\"facetrust\","
                + "\"aud\":\"facetrust-internal-app\",\"iat\":1800000000}", claims);
        assertEquals(1, java.util.regex.Pattern.compile("\":-?\\d").matcher(claims).results().count(),
                "the only number is iat");
        for (String word : List.of("score", "similarity", "distance", "threshold")) {
            assertFalse(claims.toLowerCase().contains(word), word);
        }
    }

    @Test
    void attacksWeighMoreAndOurOwnFaultsDoNotCount() {
        assertEquals(AttemptResult.ATTACK, RecognitionService.attemptResultOf(FailureCode.PRESENTATION_ATTACK));
        assertEquals(AttemptResult.ATTACK,
                RecognitionService.attemptResultOf(FailureCode.FACE_CHANGED_DURING_CHALLENGE));
        assertEquals(AttemptResult.FAILURE, RecognitionService.attemptResultOf(FailureCode.QUALITY_INSUFFICIENT));
        assertEquals(AttemptResult.FAILURE, RecognitionService.attemptResultOf(FailureCode.NO_FACE));
        assertEquals(AttemptResult.FAILURE, RecognitionService.attemptResultOf(FailureCode.SECOND_FACTOR_WRONG));
        assertEquals(AttemptResult.FAILURE, RecognitionService.attemptResultOf(FailureCode.CHALLENGE_EXPIRED));
        for (FailureCode ours : List.of(FailureCode.DATABASE_FAULT, FailureCode.TIMEOUT,
                FailureCode.TEMPLATE_INTEGRITY_FAILED, FailureCode.ENGINE_UNAVAILABLE, FailureCode.BAD_REQUEST,
                FailureCode.DECISION_SIGNING_UNAVAILABLE, FailureCode.DEVICE_FAULT)) {
            assertNull(RecognitionService.attemptResultOf(ours), ours.name());
        }
    }

    @Test
    void databaseFaultsAreRetriedThenAnsweredWithTheirCode() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("ok", DatabaseRetry.call("t", 2, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new PersistenceException("connection reset");
            }
            return "ok";
        }));
        assertEquals(3, calls.get(), "two retries after the first try");

        calls.set(0);
        FaceTrustException fault = assertThrows(FaceTrustException.class, () -> DatabaseRetry.call("t", 2, () -> {
            calls.incrementAndGet();
            throw new PersistenceException("down");
        }));
        assertEquals(FailureCode.DATABASE_FAULT, fault.failureCode());
        assertEquals(3, calls.get());

        // An answer about the data is not a fault: passed on at once, also when the container wrapped it.
        calls.set(0);
        FaceTrustException unknown = new FaceTrustException(FailureCode.SUBJECT_UNKNOWN, "no such subject");
        FaceTrustException passed = assertThrows(FaceTrustException.class, () -> DatabaseRetry.call("t", 2, () -> {
            calls.incrementAndGet();
            throw new jakarta.ejb.EJBException(unknown);
        }));
        assertSame(unknown, passed);
        assertEquals(1, calls.get());
        assertTrue(DatabaseRetry.failureIn(new RuntimeException("x")) == null);
    }
}
