package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessOutcome;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wiring interface end to end on real frames: codes for attacks, replayed and expired nonces, bad input. */
class LivenessEngineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static LivenessEngine engine() {
        return new LivenessEngine(LivenessTestData.engine(),
                new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults()), LivenessEngine.Config.defaults(),
                null);
    }

    @Test
    void replayPhotoIsAnAttackWithItsCode() throws Exception {
        byte[] replay = Files.readAllBytes(LivenessTestData.dir("pad", "samples", "attack-replay.jpg"));
        LivenessJudgement j = engine().judgeImage(replay);
        assertEquals(LivenessVerdict.ATTACK, j.verdict());
        assertEquals(Optional.of(FailureCode.PRESENTATION_ATTACK), LivenessOutcome.failureOf(j));
        byte[] live = Files.readAllBytes(LivenessTestData.dir("pad", "samples", "live.jpg"));
        assertEquals(Optional.empty(), LivenessOutcome.failureOf(engine().judgeImage(live)));
    }

    @Test
    void stillPhotoBurstIsAnAttack() {
        byte[] photo = LivenessTestData.read(
                LivenessTestData.files(LivenessTestData.dir("video", "live", "lp-d0")).subList(0, 1)).get(0);
        LivenessJudgement j = engine().judgeBurst(Collections.nCopies(30, photo), LivenessTestData.at15fps(30));
        assertEquals(Optional.of(FailureCode.PRESENTATION_ATTACK), LivenessOutcome.failureOf(j));
    }

    @Test
    void nonceIsSingleUseAndExpires() {
        List<byte[]> frames = LivenessTestData.read(
                LivenessTestData.files(LivenessTestData.dir("video", "live", "lp-d9")).subList(0, 20));
        LivenessEngine liveness = engine();
        LivenessChallenge c = liveness.issueActiveChallenge(1, T0);
        LivenessJudgement first = liveness.judgeChallenge(c.nonce(), frames, LivenessTestData.at15fps(20),
                T0.plusSeconds(5));
        assertTrue(first.cues().stream().anyMatch(q -> q.name().startsWith("action.1.")), first.cues().toString());
        FaceTrustException replay = assertThrows(FaceTrustException.class, () -> liveness.judgeChallenge(c.nonce(),
                frames, LivenessTestData.at15fps(20), T0.plusSeconds(6)));
        assertEquals(FailureCode.CHALLENGE_UNKNOWN, replay.failureCode());
        LivenessChallenge late = liveness.issueLightChallenge(6, T0);
        FaceTrustException expired = assertThrows(FaceTrustException.class, () -> liveness.judgeChallenge(
                late.nonce(), frames, LivenessTestData.at15fps(20), T0.plusSeconds(31)));
        assertEquals(FailureCode.CHALLENGE_EXPIRED, expired.failureCode());
    }

    @Test
    void malformedSubmissionsAreCallerErrors() {
        LivenessEngine liveness = engine();
        assertEquals(FailureCode.IMAGE_MISSING, assertThrows(FaceTrustException.class,
                () -> liveness.judgeBurst(List.of(), new long[0])).failureCode());
        byte[] junk = {1, 2, 3};
        assertEquals(FailureCode.BAD_REQUEST, assertThrows(FaceTrustException.class,
                () -> liveness.judgeBurst(List.of(junk, junk), new long[] {5, 5})).failureCode());
        FaceTrustException corrupt = assertThrows(FaceTrustException.class,
                () -> liveness.judgeBurst(List.of(junk, junk), new long[] {0, 66}));
        assertTrue(corrupt.failureCode().code().startsWith("FT-1"), corrupt.failureCode().toString());
    }

    @Test
    void outcomeCodesForEachVerdict() {
        assertEquals(Optional.of(FailureCode.FACE_CHANGED_DURING_CHALLENGE), LivenessOutcome.failureOf(
                new LivenessJudgement(com.facetrust.domain.liveness.LivenessCheckKind.ACTIVE_CHALLENGE,
                        LivenessVerdict.ATTACK, 0, List.of(), List.of("face.changedDuringChallenge"))));
        assertEquals(Optional.of(FailureCode.CHALLENGE_NOT_PERFORMED), LivenessOutcome.failureOf(
                new LivenessJudgement(com.facetrust.domain.liveness.LivenessCheckKind.ACTIVE_CHALLENGE,
                        LivenessVerdict.INCONCLUSIVE, 0, List.of(), List.of("action.notObserved.1.BLINK"))));
        assertEquals(Optional.of(FailureCode.LIVENESS_INCONCLUSIVE), LivenessOutcome.failureOf(
                LivenessJudgement.inconclusive(com.facetrust.domain.liveness.LivenessCheckKind.DEPTH, "x")));
    }
}
