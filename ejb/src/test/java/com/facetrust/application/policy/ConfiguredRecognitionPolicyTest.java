package com.facetrust.application.policy;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.policy.BlocklistKind;
import com.facetrust.domain.protection.SubjectPseudonymizer;
import com.facetrust.domain.recognition.Admission;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.RecognitionAttempt;
import com.facetrust.domain.recognition.RecognitionOperation;
import com.facetrust.infrastructure.face.CalibratedThresholds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy bean's rules with its collaborators replaced by in-memory stand-ins (ledger, blocklist, pseudonym key,
 * event log): which counters a success resets (A-5.7.5.1 e: only that subject's, only for that operation), which a
 * failure counts, one alarm per block, the order of the checks and when a step-up is asked (D-8.1.4 c/d).
 * The same rules against the real database: RecognitionPolicyIT.
 */
class ConfiguredRecognitionPolicyTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<String> alarms = new ArrayList<>();
    private final Set<String> blockedDevices = new HashSet<>();
    private ConfiguredRecognitionPolicy policy;

    @BeforeEach
    void wire() {
        Map<String, String> config = Map.of(
                ChannelCatalogue.CHANNELS, "counter,kiosk",
                "facetrust.recognition.channel.counter.target-far", "1e-3",
                "facetrust.recognition.channel.counter.liveness", "NONE",
                "facetrust.recognition.channel.counter.step-up", "false",
                "facetrust.recognition.channel.kiosk.target-far", "1e-4",
                "facetrust.recognition.channel.kiosk.liveness", "PASSIVE");
        policy = new ConfiguredRecognitionPolicy();
        policy.settings = PolicySettings.of(
                ChannelCatalogue.from(k -> Optional.ofNullable(config.get(k)), CalibratedThresholds.fromClasspath()),
                limits(),
                new RiskSettings(List.of(AddressRange.parse("10.0.0.0/8")), DailyWindow.parse("06:00-22:00", "UTC"),
                        2, 1));
        policy.ledger = ledger;
        policy.blocklist = new Blocklist() {
            @Override
            public Optional<BlocklistKind> match(RecognitionAttempt attempt) {
                return blockedDevices.contains(attempt.deviceId()) ? Optional.of(BlocklistKind.DEVICE)
                        : Optional.empty();
            }
        };
        SubjectPseudonymizer keyed = value -> "k(" + value + ")";
        policy.keys = new TemplateProtectionService() {
            @Override
            public SubjectPseudonymizer pseudonymizer() {
                return keyed;
            }
        };
        policy.events = (code, action, target, detail) -> alarms.add(code.code() + " " + action + " " + target);
    }

    /** The shipped defaults: 5/10 for subject and device, 25/100 for client and address. */
    private static Map<AttemptScope, AttemptLimits> limits() {
        Map<AttemptScope, AttemptLimits> m = new java.util.EnumMap<>(AttemptScope.class);
        for (AttemptScope scope : AttemptScope.values()) {
            boolean shared = scope == AttemptScope.CLIENT || scope == AttemptScope.ADDRESS;
            m.put(scope, new AttemptLimits(shared ? 25 : 5, Duration.ofSeconds(2), shared ? 100 : 10,
                    Duration.ofMinutes(30), Duration.ofMinutes(15), 3));
        }
        return m;
    }

    private static RecognitionAttempt attempt(RecognitionOperation op, String uid, String client, String device,
                                              String address) {
        return new RecognitionAttempt(op, "kiosk", uid, client, device, address, NOON);
    }

    private int failures(RecognitionOperation op, AttemptScope scope, String value) {
        return ledger.state("k(policy:counter:" + op + ":" + scope + ":" + value + ")").failures();
    }

    @Test
    void aSuccessResetsOnlyThatSubjectsCounterForThatOperation() {
        for (int i = 0; i < 3; i++) {
            policy.recordOutcome(attempt(RecognitionOperation.VERIFY, A, "app", "dev", "10.0.0.1"),
                    AttemptResult.FAILURE);
            policy.recordOutcome(attempt(RecognitionOperation.IDENTIFY, A, "app", "dev", "10.0.0.1"),
                    AttemptResult.FAILURE);
        }
        // Subject B succeeds through the same client, device and address.
        policy.recordOutcome(attempt(RecognitionOperation.VERIFY, B, "app", "dev", "10.0.0.1"), AttemptResult.SUCCESS);
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.SUBJECT, A));
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.CLIENT, "app"));
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.DEVICE, "dev"));
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.ADDRESS, "0a000001"));

        // A's own VERIFY success resets A's VERIFY counter only.
        policy.recordOutcome(attempt(RecognitionOperation.VERIFY, A, "app", "dev", "10.0.0.1"), AttemptResult.SUCCESS);
        assertEquals(0, failures(RecognitionOperation.VERIFY, AttemptScope.SUBJECT, A));
        assertEquals(3, failures(RecognitionOperation.IDENTIFY, AttemptScope.SUBJECT, A), "other operation kept");
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.CLIENT, "app"), "client never reset");
        assertEquals(3, failures(RecognitionOperation.VERIFY, AttemptScope.ADDRESS, "0a000001"));
    }

    @Test
    void anAttackCountsThreeAndTheBlockAlarmsOncePerScope() {
        RecognitionAttempt attack = attempt(RecognitionOperation.VERIFY, A, "app", "kiosk-9", "10.0.0.2");
        for (int i = 0; i < 3; i++) {
            policy.recordOutcome(attack, AttemptResult.ATTACK);
        }
        assertEquals(9, failures(RecognitionOperation.VERIFY, AttemptScope.SUBJECT, A));
        assertTrue(alarms.isEmpty());
        policy.recordOutcome(attack, AttemptResult.ATTACK);
        // Subject and device block at 10; client and address count up to 100 (they act for many people).
        assertEquals(List.of("FT-5103 RECOGNITION_VERIFY subject:k(" + A + ")",
                "FT-5103 RECOGNITION_VERIFY device:kios****"), alarms);
        assertEquals(12, failures(RecognitionOperation.VERIFY, AttemptScope.CLIENT, "app"));
        policy.recordOutcome(attack, AttemptResult.FAILURE);
        assertEquals(2, alarms.size(), "no second alarm while blocked");
        FaceTrustException blocked = assertThrows(FaceTrustException.class, () -> policy.admit(attack));
        assertEquals(FailureCode.ATTEMPTS_BLOCKED, blocked.failureCode());
        assertEquals("retry-after:1800", blocked.reasons().get(0));
    }

    @Test
    void theBlocklistComesFirstThenLimitsThenTheChannel() {
        blockedDevices.add("stolen");
        assertEquals(FailureCode.ACCESS_BLOCKED, assertThrows(FaceTrustException.class, () -> policy.admit(
                new RecognitionAttempt(RecognitionOperation.VERIFY, "atm", A, "app", "stolen", "10.0.0.3", NOON)))
                .failureCode());
        for (int i = 0; i < 5; i++) {
            policy.recordOutcome(attempt(RecognitionOperation.VERIFY, A, "app2", null, "10.0.0.3"),
                    AttemptResult.FAILURE);
        }
        FaceTrustException delayed = assertThrows(FaceTrustException.class, () -> policy.admit(
                new RecognitionAttempt(RecognitionOperation.VERIFY, "atm", A, "app2", null, "10.0.0.3", NOON)));
        assertEquals(FailureCode.TOO_MANY_ATTEMPTS, delayed.failureCode());
        assertEquals("retry-after:2", delayed.reasons().get(0));
        assertEquals(FailureCode.CHANNEL_UNKNOWN, assertThrows(FaceTrustException.class, () -> policy.admit(
                new RecognitionAttempt(RecognitionOperation.VERIFY, "atm", B, "app3", null, "10.0.0.4", NOON)))
                .failureCode());
    }

    @Test
    void stepUpOnlyForVerifyOnAStepUpChannel() {
        Admission newDevice = policy.admit(attempt(RecognitionOperation.VERIFY, A, "app", "phone", "10.0.0.5"));
        assertTrue(newDevice.stepUpRequired());
        assertEquals(List.of("device.new"), newDevice.riskReasons());
        policy.recordOutcome(attempt(RecognitionOperation.VERIFY, A, "app", "phone", "10.0.0.5"),
                AttemptResult.SUCCESS);
        assertFalse(policy.admit(attempt(RecognitionOperation.VERIFY, A, "app", "phone", "10.0.0.5"))
                .stepUpRequired());

        Admission identify = policy.admit(attempt(RecognitionOperation.IDENTIFY, null, "app", null, "192.0.2.1"));
        assertEquals(List.of("address.unusual"), identify.riskReasons());
        assertFalse(identify.stepUpRequired(), "no claimed subject, no second factor to ask");
        Admission counter = policy.admit(new RecognitionAttempt(RecognitionOperation.VERIFY, "counter", A, "app",
                "phone", "192.0.2.1", NOON));
        assertEquals(List.of("address.unusual"), counter.riskReasons());
        assertFalse(counter.stepUpRequired(), "the counter channel has no step-up");
    }

    /** The ledger's contract without a database: the same arithmetic, one map. */
    private static final class InMemoryLedger extends AttemptLedger {
        private final Map<String, AttemptLimits.CounterState> counters = new HashMap<>();
        private final Set<String> devices = new HashSet<>();

        @Override
        public AttemptLimits.CounterState state(String counterKey) {
            return counters.getOrDefault(counterKey, AttemptLimits.CounterState.EMPTY);
        }

        @Override
        public Change recordFailure(String counterKey, String operation, AttemptScope scope, int weight, Instant at,
                                    AttemptLimits limits) {
            AttemptLimits.CounterState before = state(counterKey);
            AttemptLimits.CounterState after = limits.afterFailure(scope, before, weight, at);
            counters.put(counterKey, after);
            return new Change(before, after);
        }

        @Override
        public void resetSubject(String counterKey, Instant at) {
            counters.remove(counterKey);
        }

        @Override
        public void rememberDevice(String deviceKey, Instant at) {
            devices.add(deviceKey);
        }

        @Override
        public boolean knownDevice(String deviceKey) {
            return devices.contains(deviceKey);
        }
    }
}
