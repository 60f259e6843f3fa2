package com.facetrust.application.policy;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.policy.BlocklistKind;
import com.facetrust.domain.recognition.Admission;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.ChannelPolicy;
import com.facetrust.domain.recognition.RecognitionAttempt;
import com.facetrust.domain.recognition.RecognitionOperation;
import com.facetrust.domain.recognition.RecognitionPolicy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recognition policy of this deployment (issue 5 "Policy"): blocklists (D-6.6 e), attempt limits per operation
 * and per subject/client/device/address (A-5.7.5.1 e, D-8.2.5 d), the configured channels (A-4 f, D-6.3 e) and
 * risk-based step-up (D-8.1.4 c/d).
 *
 * <p>Step-up applies to VERIFY only: the claimed subject has a second factor to ask for. IDENTIFY and ID_PHOTO have
 * no claimed subject whose factor could be asked, so their admission reports the risk reasons (address, time) for
 * the audit record but never asks for a step-up; their protection is the attempt limits per client, device and
 * address and the blocklist.
 *
 * <p>The attempt's own {@code at} is the clock: the recognition service stamps it from the server clock.
 */
@Stateless
@Local(RecognitionPolicy.class)
@PermitAll
public class ConfiguredRecognitionPolicy implements RecognitionPolicy {
    private static final Logger LOG = Logger.getLogger("com.facetrust.policy");

    /** Risk reason names (D-8.1.4 c/d), as the admission and the step-up answer list them. */
    public static final String ADDRESS_UNUSUAL = "address.unusual";
    public static final String DEVICE_NEW = "device.new";
    public static final String TIME_UNUSUAL = "time.unusual";
    public static final String FAILURES_RECENT = "failures.recent";

    @EJB
    PolicySettings settings;

    @EJB
    AttemptLedger ledger;

    @EJB
    Blocklist blocklist;

    @EJB
    TemplateProtectionService keys;

    @EJB
    SecurityEventLog events;

    @Override
    public Admission admit(RecognitionAttempt attempt) {
        Optional<BlocklistKind> blocked = blocklist.match(attempt);
        if (blocked.isPresent()) {
            throw new FaceTrustException(FailureCode.ACCESS_BLOCKED, "refused by the blocklist",
                    List.of("blocklist:" + blocked.get().name().toLowerCase(Locale.ROOT)));
        }
        refuseWhileWaiting(attempt);
        ChannelPolicy channel = settings.channels().channel(attempt.channel());
        List<String> reasons = riskReasons(attempt);
        boolean stepUp = channel.stepUpEnabled() && attempt.operation() == RecognitionOperation.VERIFY
                && attempt.subjectUid() != null && reasons.size() >= settings.risk().stepUpAt();
        return new Admission(channel, stepUp, reasons);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordOutcome(RecognitionAttempt attempt, AttemptResult result) {
        if (result == AttemptResult.SUCCESS) {
            // Only this subject's counter for this operation (A-5.7.5.1 e): never a client, device or address
            // counter, never another subject's — a correct decision cannot reset an attacker's counter.
            if (attempt.subjectUid() != null) {
                ledger.resetSubject(counterKey(attempt.operation(), AttemptScope.SUBJECT, attempt.subjectUid()),
                        attempt.at());
                if (attempt.operation() == RecognitionOperation.VERIFY && attempt.deviceId() != null) {
                    String deviceKey = deviceKey(attempt.subjectUid(), attempt.deviceId());
                    retried(() -> {
                        ledger.rememberDevice(deviceKey, attempt.at());
                        return null;
                    });
                }
            }
            return;
        }
        for (Map.Entry<AttemptScope, String> scope : scopes(attempt).entrySet()) {
            AttemptLimits limits = settings.limits(scope.getKey());
            int weight = limits.weight(result);
            String key = counterKey(attempt.operation(), scope.getKey(), scope.getValue());
            AttemptLedger.Change change = retried(() -> ledger.recordFailure(key, attempt.operation().name(),
                    scope.getKey(), weight, attempt.at(), limits));
            if (AttemptLimits.blockStarted(change.before(), change.after(), attempt.at())) {
                raiseBlockStarted(attempt, scope.getKey(), scope.getValue(), change.after());
            }
        }
    }

    @Override
    public ChannelPolicy channel(String name) {
        return settings.channels().channel(name);
    }

    /** FT-5102 while any scope of this operation is blocked, else FT-5101 while any is delayed; the longest wait. */
    private void refuseWhileWaiting(RecognitionAttempt attempt) {
        AttemptLimits.Wait worst = null;
        AttemptScope worstScope = null;
        for (Map.Entry<AttemptScope, String> scope : scopes(attempt).entrySet()) {
            AttemptLimits limits = settings.limits(scope.getKey());
            AttemptLimits.CounterState state = limits.current(scope.getKey(),
                    ledger.state(counterKey(attempt.operation(), scope.getKey(), scope.getValue())), attempt.at());
            Optional<AttemptLimits.Wait> wait = limits.waitAt(state, attempt.at());
            if (wait.isPresent() && (worst == null || (wait.get().blocked() && !worst.blocked())
                    || (wait.get().blocked() == worst.blocked() && wait.get().seconds() > worst.seconds()))) {
                worst = wait.get();
                worstScope = scope.getKey();
            }
        }
        if (worst != null) {
            List<String> reasons = List.of("retry-after:" + worst.seconds(),
                    "scope:" + worstScope.name().toLowerCase(Locale.ROOT));
            throw worst.blocked()
                    ? new FaceTrustException(FailureCode.ATTEMPTS_BLOCKED, "blocked after too many failed attempts; "
                            + "retry after " + worst.seconds() + " s", reasons)
                    : new FaceTrustException(FailureCode.TOO_MANY_ATTEMPTS, "too many failed attempts; retry after "
                            + worst.seconds() + " s", reasons);
        }
    }

    private List<String> riskReasons(RecognitionAttempt attempt) {
        RiskSettings risk = settings.risk();
        List<String> reasons = new ArrayList<>();
        if (attempt.sourceAddress() == null || !risk.usualAddress(attempt.sourceAddress())) {
            reasons.add(ADDRESS_UNUSUAL);
        }
        boolean verify = attempt.operation() == RecognitionOperation.VERIFY && attempt.subjectUid() != null;
        if (verify && (attempt.deviceId() == null
                || !ledger.knownDevice(deviceKey(attempt.subjectUid(), attempt.deviceId())))) {
            reasons.add(DEVICE_NEW);
        }
        if (!risk.usualHours().contains(attempt.at())) {
            reasons.add(TIME_UNUSUAL);
        }
        if (verify) {
            AttemptLimits limits = settings.limits(AttemptScope.SUBJECT);
            AttemptLimits.CounterState subject = limits.current(AttemptScope.SUBJECT, ledger.state(
                    counterKey(attempt.operation(), AttemptScope.SUBJECT, attempt.subjectUid())), attempt.at());
            if (subject.failures() >= risk.failureSignal() && subject.lastFailureAt() != null
                    && attempt.at().isBefore(subject.lastFailureAt().plus(limits.window()))) {
                reasons.add(FAILURES_RECENT);
            }
        }
        return reasons;
    }

    /** The scopes this attempt counts in, each with its value (absent values are not counted). */
    private static Map<AttemptScope, String> scopes(RecognitionAttempt attempt) {
        Map<AttemptScope, String> scopes = new LinkedHashMap<>();
        if (attempt.subjectUid() != null) {
            scopes.put(AttemptScope.SUBJECT, attempt.subjectUid());
        }
        scopes.put(AttemptScope.CLIENT, attempt.clientId());
        if (attempt.deviceId() != null && !attempt.deviceId().isBlank()) {
            scopes.put(AttemptScope.DEVICE, attempt.deviceId());
        }
        if (attempt.sourceAddress() != null) {
            scopes.put(AttemptScope.ADDRESS, normalisedAddress(attempt.sourceAddress()));
        }
        return scopes;
    }

    /** One counter per address, however it is written (::1 and 0:0:0:0:0:0:0:1 are the same). */
    private static String normalisedAddress(String address) {
        return AddressRange.literal(address).map(b -> {
            StringBuilder s = new StringBuilder();
            for (byte x : b) {
                s.append(String.format("%02x", x));
            }
            return s.toString();
        }).orElse(address);
    }

    /**
     * A keyed hash (the deployment's pseudonym key) over operation, scope and value: counters hold no UID, client
     * id, device id or address in clear, and an address cannot be found by hashing all 2^32 of them.
     */
    private String counterKey(RecognitionOperation operation, AttemptScope scope, String value) {
        return keys.pseudonymizer().pseudonym("policy:counter:" + operation.name() + ":" + scope.name() + ":" + value);
    }

    private String deviceKey(String subjectUid, String deviceId) {
        return keys.pseudonymizer().pseudonym("policy:device:" + subjectUid + ":" + deviceId);
    }

    /** Runs a ledger change once more when its first transaction lost the race to create the same row. */
    private static <T> T retried(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (EJBException lostRace) {
            LOG.log(Level.FINE, "attempt ledger change repeated after a concurrent insert", lostRace);
            return change.get();
        }
    }

    private void raiseBlockStarted(RecognitionAttempt attempt, AttemptScope scope, String value,
                                   AttemptLimits.CounterState after) {
        String target = switch (scope) {
            case SUBJECT -> "subject:" + keys.pseudonymizer().pseudonym(value);
            case CLIENT -> "client:" + value;
            case DEVICE -> "device:" + masked(value);
            case ADDRESS -> "address:" + maskedAddress(attempt.sourceAddress());
        };
        String detail = attempt.operation() + " blocked until " + after.blockedUntil() + " after "
                + after.failures() + " weighted failures (channel " + attempt.channel() + ")";
        // Raised here, not thrown: the requests refused during the block carry FT-5102 of level NONE, so the REST
        // mapper raises nothing for them and this is the one alarm of the block (A-5.7.5.3).
        events.raise(FailureCode.ATTEMPTS_BLOCK_STARTED, "RECOGNITION_" + attempt.operation().name(), target,
                detail);
    }

    private static String masked(String value) {
        return value.length() <= 4 ? "****" : value.substring(0, 4) + "****";
    }

    /** 192.0.2.17 → 192.0.2.x; IPv6 keeps its /48 prefix. */
    private static String maskedAddress(String address) {
        Optional<byte[]> b = AddressRange.literal(address);
        if (b.isEmpty()) {
            return masked(address);
        }
        byte[] a = b.get();
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + ".x";
        }
        return String.format("%02x%02x:%02x%02x:%02x%02x::/48", a[0], a[1], a[2], a[3], a[4], a[5]);
    }
}
