package com.facetrust.application.policy;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.recognition.Admission;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.LivenessRequirement;
import com.facetrust.domain.recognition.RecognitionAttempt;
import com.facetrust.domain.recognition.RecognitionOperation;
import com.facetrust.domain.recognition.RecognitionPolicy;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import com.facetrust.security.KeycloakTestServer;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The recognition policy in the real server against the real identity store (H2, XA), with the shipped
 * configuration (channels, limits 5/PT2S/10/PT30M/PT15M, attack weight 3) and real Keycloak tokens for the REST
 * endpoints. In-server methods call the {@link RecognitionPolicy} EJB as the recognition service does; methods
 * marked {@link RunAsClient} call the REST API as sysadmin, operator, auditor and internal application.
 * Attempts carry their own instant (the recognition service stamps the server clock), so delays and blocks are
 * checked without sleeping. Every test uses its own client, subjects and addresses.
 *
 * <p>Requirements: A-4 f, D-6.3 e (channels), A-5.7.5.1 e, D-8.2.5 d (attempt limits), D-8.1.4 c/d (step-up),
 * D-6.6 e (blocklists), A-5.7.5.3 (alarm on a block), A-8.5 (sysadmin only).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(KeycloakServerSetup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecognitionPolicyIT {

    /** Noon UTC: inside the usual hours, so only the signals a test sets up appear. */
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private static final String USUAL_ADDRESS = "10.20.30.40";

    /** Blocklist entries the client-side test adds and the in-server test checks. */
    private static final String BLOCKED_RANGE = "203.0.113.0/24";
    private static final String BLOCKED_RANGE_V6 = "2001:db8:bad::/48";
    private static final String BLOCKED_DEVICE = "it-stolen-kiosk";
    private static final String BLOCKED_WINDOW = "03:00-04:00";

    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(RecognitionPolicyIT.class);
    }

    @EJB
    RecognitionPolicy policy;

    @EJB
    PolicyHousekeeping housekeeping;

    @EJB
    TemplateProtectionService keys;

    private static String uid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String client() {
        return "it-client-" + UUID.randomUUID();
    }

    private static RecognitionAttempt verify(String uid, String client, String device, String address, Instant at) {
        return new RecognitionAttempt(RecognitionOperation.VERIFY, "kiosk", uid, client, device, address, at);
    }

    private static FaceTrustException refused(FailureCode expected, Executable call) {
        Throwable thrown = assertThrows(Throwable.class, call);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof FaceTrustException f) {
                assertEquals(expected, f.failureCode(), f.getMessage());
                return f;
            }
        }
        fail("expected " + expected + " but got " + thrown);
        return null;
    }

    private static long retryAfter(FaceTrustException f) {
        return f.reasons().stream().filter(r -> r.startsWith("retry-after:"))
                .mapToLong(r -> Long.parseLong(r.substring("retry-after:".length()))).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ channels

    @Test
    @Order(1)
    void channelsAsShippedMapToTheCalibratedThresholds() {
        assertEquals(0.3570, policy.channel("counter").threshold(), 1e-12, "1e-3, conservative bound");
        assertEquals(LivenessRequirement.NONE, policy.channel("counter").liveness());
        assertFalse(policy.channel("counter").stepUpEnabled());
        assertEquals(0.4392, policy.channel("kiosk").threshold(), 1e-12, "1e-4, conservative bound");
        assertEquals(LivenessRequirement.PASSIVE, policy.channel("kiosk").liveness());
        assertEquals(LivenessRequirement.CHALLENGE, policy.channel("mobile").liveness());
        assertEquals(LivenessRequirement.MULTI_FRAME, policy.channel("web").liveness());
        refused(FailureCode.CHANNEL_UNKNOWN, () -> policy.channel("atm"));
        refused(FailureCode.CHANNEL_UNKNOWN, () -> policy.admit(new RecognitionAttempt(RecognitionOperation.VERIFY,
                "atm", uid(), client(), null, USUAL_ADDRESS, NOON)));
    }

    // ------------------------------------------------------------------------------------------ attempt limits

    @Test
    @Order(2)
    void fiveFailuresThenDoublingDelaysThenABlockWithOneAlarm() throws Exception {
        String subject = uid();
        String client = client();
        String address = "198.51.100.77";
        String device = "it-kiosk-" + UUID.randomUUID();
        Instant t = NOON;
        for (int i = 1; i <= 5; i++) {
            policy.admit(verify(subject, client, device, address, t));
            policy.recordOutcome(verify(subject, client, device, address, t), AttemptResult.FAILURE);
        }
        // The 6th attempt at once: delayed 2 s (delay-after 5, base PT2S).
        FaceTrustException delayed = refused(FailureCode.TOO_MANY_ATTEMPTS,
                () -> policy.admit(verify(subject, client, device, address, NOON)));
        assertEquals(2, retryAfter(delayed));
        policy.admit(verify(subject, client, device, address, NOON.plusSeconds(2)));
        long[] delays = {4, 8, 16, 32};
        t = NOON.plusSeconds(2);
        for (long d : delays) {
            policy.recordOutcome(verify(subject, client, device, address, t), AttemptResult.FAILURE);
            Instant now = t;
            assertEquals(d, retryAfter(refused(FailureCode.TOO_MANY_ATTEMPTS,
                    () -> policy.admit(verify(subject, client, device, address, now)))));
            t = t.plusSeconds(d);
            policy.admit(verify(subject, client, device, address, t));
        }
        int alarmsBefore = blockAlarms();
        policy.recordOutcome(verify(subject, client, device, address, t), AttemptResult.FAILURE);
        Instant blockedAt = t;
        FaceTrustException blocked = refused(FailureCode.ATTEMPTS_BLOCKED,
                () -> policy.admit(verify(subject, client, device, address, blockedAt.plusSeconds(60))));
        assertEquals(1740, retryAfter(blocked), "PT30M from the 10th failure");
        assertEquals(FailureCode.EventLevel.NONE, FailureCode.ATTEMPTS_BLOCKED.eventLevel(),
                "blocked requests raise nothing; the block's start raised the alarm");
        // The block started on two counters at once (subject and device count 5/10; client and address count
        // 25/100 and are still below): one alarm each, and none for a failure that arrives while blocked.
        assertEquals(2, blockAlarms() - alarmsBefore, "one ALARM FT-5103 per scope that got blocked");
        policy.recordOutcome(verify(subject, client, device, address, blockedAt.plusSeconds(61)),
                AttemptResult.FAILURE);
        assertEquals(2, blockAlarms() - alarmsBefore, "no second alarm during the block");
        // After 30 minutes the scope may try again.
        policy.admit(verify(subject, client, device, address, blockedAt.plus(Duration.ofMinutes(30))));
    }

    @Test
    @Order(3)
    void aSuccessResetsOnlyThatSubjectsCounterForThatOperation() {
        String attacked = uid();
        String other = uid();
        String client = client();
        String device = "it-kiosk-" + UUID.randomUUID();
        String address = "198.51.100.78";
        for (int i = 0; i < 5; i++) {
            policy.recordOutcome(verify(attacked, client, device, address, NOON), AttemptResult.FAILURE);
        }
        // Subject B succeeds with the same client, device and address (e.g. the attacker's own face).
        policy.recordOutcome(verify(other, client, device, address, NOON.plusMillis(500)), AttemptResult.SUCCESS);
        Instant now = NOON.plusSeconds(1);
        assertEquals(5, failures(RecognitionOperation.VERIFY, AttemptScope.CLIENT, client), "client not reset");
        assertEquals(5, failures(RecognitionOperation.VERIFY, AttemptScope.ADDRESS, "c633644e"), "address");
        assertEquals(5, failures(RecognitionOperation.VERIFY, AttemptScope.SUBJECT, attacked), "A not reset");
        // The device counter was not reset: a third subject at this device is still delayed.
        FaceTrustException deviceDelay = refused(FailureCode.TOO_MANY_ATTEMPTS,
                () -> policy.admit(verify(uid(), client(), device, "10.9.9.9", now)));
        assertTrue(deviceDelay.reasons().contains("scope:device"), deviceDelay.reasons().toString());
        // Nor subject A's own counter, from another client, device and address.
        FaceTrustException subjectDelay = refused(FailureCode.TOO_MANY_ATTEMPTS,
                () -> policy.admit(verify(attacked, client(), null, "10.9.9.8", now)));
        assertTrue(subjectDelay.reasons().contains("scope:subject"), subjectDelay.reasons().toString());
        // A's own success (e.g. after the delay, at the counter) resets A's counter for VERIFY only.
        policy.recordOutcome(verify(attacked, client(), null, "10.9.9.8", now), AttemptResult.SUCCESS);
        assertEquals(0, failures(RecognitionOperation.VERIFY, AttemptScope.SUBJECT, attacked));
        policy.admit(verify(attacked, client(), null, "10.9.9.8", now));
        assertEquals(5, failures(RecognitionOperation.VERIFY, AttemptScope.CLIENT, client), "still not reset");
    }

    @Test
    @Order(7)
    void clientsAndAddressesCountTheirOwnHigherLimits() {
        // facetrust.attempts.client.delay-after=25: 24 failures of different people through one application pass.
        String client = client();
        for (int i = 0; i < 24; i++) {
            policy.recordOutcome(verify(uid(), client, null, "10.44.0." + (i + 1), NOON), AttemptResult.FAILURE);
        }
        policy.admit(verify(uid(), client, null, USUAL_ADDRESS, NOON));
        policy.recordOutcome(verify(uid(), client, null, "10.44.1.1", NOON), AttemptResult.FAILURE);
        FaceTrustException delayed = refused(FailureCode.TOO_MANY_ATTEMPTS,
                () -> policy.admit(verify(uid(), client, null, USUAL_ADDRESS, NOON)));
        assertEquals(List.of("retry-after:2", "scope:client"), delayed.reasons());
    }

    @Test
    @Order(4)
    void verifyIdentifyAndIdPhotoCountSeparately() {
        String device = "it-kiosk-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            policy.recordOutcome(new RecognitionAttempt(RecognitionOperation.VERIFY, "web", uid(), client(), device,
                    "10.7.7.7", NOON), AttemptResult.FAILURE);
        }
        refused(FailureCode.TOO_MANY_ATTEMPTS, () -> policy.admit(new RecognitionAttempt(
                RecognitionOperation.VERIFY, "web", uid(), client(), device, "10.7.7.7", NOON)));
        Admission identify = policy.admit(new RecognitionAttempt(RecognitionOperation.IDENTIFY, "web", null,
                client(), device, "10.7.7.7", NOON));
        assertNotNull(identify.channel());
        policy.admit(new RecognitionAttempt(RecognitionOperation.ID_PHOTO, "counter", null, client(), device,
                "10.7.7.7", NOON));
        // Identification counts on its own: two attacks (weight 3 each) reach its delay, verification unaffected.
        String identifyDevice = "it-kiosk-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            policy.recordOutcome(new RecognitionAttempt(RecognitionOperation.IDENTIFY, "web", null, client(),
                    identifyDevice, "10.7.7.8", NOON), AttemptResult.ATTACK);
        }
        assertEquals(4, retryAfter(refused(FailureCode.TOO_MANY_ATTEMPTS, () -> policy.admit(new RecognitionAttempt(
                RecognitionOperation.IDENTIFY, "web", null, client(), identifyDevice, "10.7.7.9", NOON)))),
                "6 weighted failures: 2 s * 2^1");
        policy.admit(new RecognitionAttempt(RecognitionOperation.VERIFY, "web", uid(), client(), identifyDevice,
                "10.7.7.9", NOON));
    }

    @Test
    @Order(5)
    void concurrentFailuresAllCount() throws Exception {
        String device = "it-kiosk-" + UUID.randomUUID();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String address = "10.66.0." + (i + 1);
                done.add(pool.submit(() -> {
                    start.await();
                    policy.recordOutcome(new RecognitionAttempt(RecognitionOperation.VERIFY, "kiosk", uid(),
                            client(), device, address, NOON), AttemptResult.FAILURE);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 8 failures: 2 s * 2^3 = 16 s. Had one been lost (7), the delay would be 8 s.
        assertEquals(16, retryAfter(refused(FailureCode.TOO_MANY_ATTEMPTS,
                () -> policy.admit(verify(uid(), client(), device, USUAL_ADDRESS, NOON)))));
        assertEquals(8, failures(RecognitionOperation.VERIFY, AttemptScope.DEVICE, device));
    }

    // ------------------------------------------------------------------------------------------ step-up

    @Test
    @Order(6)
    void riskSignalsAskForASecondFactor() {
        String subject = uid();
        String device = "it-phone-" + UUID.randomUUID();
        // First verification from this device: a new device is a signal, the kiosk channel has step-up.
        Admission first = policy.admit(verify(subject, client(), device, USUAL_ADDRESS, NOON));
        assertTrue(first.stepUpRequired());
        assertEquals(List.of("device.new"), first.riskReasons());
        policy.recordOutcome(verify(subject, client(), device, USUAL_ADDRESS, NOON), AttemptResult.SUCCESS);
        Admission known = policy.admit(verify(subject, client(), device, USUAL_ADDRESS, NOON.plusSeconds(5)));
        assertFalse(known.stepUpRequired(), known.riskReasons().toString());
        assertEquals(List.of(), known.riskReasons());
        // The device is known for this subject only.
        assertEquals(List.of("device.new"), policy.admit(verify(uid(), client(), device, USUAL_ADDRESS, NOON))
                .riskReasons());

        Admission away = policy.admit(verify(subject, client(), device, "198.51.100.200", NOON));
        assertTrue(away.stepUpRequired());
        assertEquals(List.of("address.unusual"), away.riskReasons());
        Admission v6away = policy.admit(verify(subject, client(), device, "2001:db8:1::5", NOON));
        assertEquals(List.of("address.unusual"), v6away.riskReasons());
        assertEquals(List.of(), policy.admit(verify(subject, client(), device, "fd00::17", NOON)).riskReasons(),
                "fc00::/7 is usual");
        Admission night = policy.admit(verify(subject, client(), device, USUAL_ADDRESS,
                Instant.parse("2026-11-20T23:30:00Z")));
        assertEquals(List.of("time.unusual"), night.riskReasons());
        assertTrue(night.stepUpRequired());

        String client = client();
        policy.recordOutcome(verify(subject, client, device, USUAL_ADDRESS, NOON.plusSeconds(10)),
                AttemptResult.FAILURE);
        assertEquals(List.of(), policy.admit(verify(subject, client(), device, USUAL_ADDRESS, NOON.plusSeconds(11)))
                .riskReasons(), "one failure is below facetrust.risk.failure-signal=2");
        policy.recordOutcome(verify(subject, client, device, USUAL_ADDRESS, NOON.plusSeconds(12)),
                AttemptResult.FAILURE);
        Admission afterFailures = policy.admit(verify(subject, client(), device, USUAL_ADDRESS,
                NOON.plusSeconds(13)));
        assertEquals(List.of("failures.recent"), afterFailures.riskReasons());
        assertTrue(afterFailures.stepUpRequired());

        // The attended counter has no step-up: the reasons are reported, no second factor asked.
        Admission counter = policy.admit(new RecognitionAttempt(RecognitionOperation.VERIFY, "counter", uid(),
                client(), null, "198.51.100.201", NOON));
        assertFalse(counter.stepUpRequired());
        assertEquals(List.of("address.unusual", "device.new"), counter.riskReasons());
        // Identification: no claimed subject, no second factor to ask; the reasons go to the audit record.
        Admission identify = policy.admit(new RecognitionAttempt(RecognitionOperation.IDENTIFY, "kiosk", null,
                client(), null, "198.51.100.202", NOON));
        assertFalse(identify.stepUpRequired());
        assertEquals(List.of("address.unusual"), identify.riskReasons());
    }

    // ------------------------------------------------------------------------------------------ blocklist

    @Test
    @Order(10)
    @RunAsClient
    void sysadminAddsBlocklistEntriesOthersMayNot() throws Exception {
        Rest rest = new Rest();
        String body = "{\"kind\":\"ADDRESS\",\"value\":\"" + BLOCKED_RANGE + "\",\"reason\":\"IT: documentation "
                + "range\"}";
        for (String caller : List.of("operator", "auditor", "internal-app")) {
            assertFailure(rest.send("POST", "/policy/blocklist", caller, body), 403, "FT-3002", caller);
            assertFailure(rest.send("GET", "/policy/blocklist", caller, null), 403, "FT-3002", caller);
        }
        assertFailure(rest.send("POST", "/policy/blocklist", null, body), 401, "FT-3001", "no token");

        HttpResponse<String> added = rest.send("POST", "/policy/blocklist", "sysadmin", body);
        assertEquals(201, added.statusCode(), added.body());
        assertTrue(added.body().contains("\"value\":\"203.0.113.0/24\""), added.body());
        assertTrue(added.body().contains("\"createdBy\":\"" + Rest.IT_SYSADMIN + "\""), added.body());
        assertTrue(added.headers().firstValue("Location").orElseThrow().contains("/policy/blocklist/"));
        assertEquals(201, rest.send("POST", "/policy/blocklist", "sysadmin", "{\"kind\":\"ADDRESS\",\"value\":\""
                + BLOCKED_RANGE_V6 + "\",\"reason\":\"IT: v6\"}").statusCode());
        assertEquals(201, rest.send("POST", "/policy/blocklist", "sysadmin", "{\"kind\":\"DEVICE\",\"value\":\""
                + BLOCKED_DEVICE + "\",\"reason\":\"IT: stolen\"}").statusCode());
        assertEquals(201, rest.send("POST", "/policy/blocklist", "sysadmin", "{\"kind\":\"TIME_WINDOW\",\"value\":\""
                + BLOCKED_WINDOW + "\",\"zone\":\"UTC\",\"channel\":\"kiosk\",\"reason\":\"IT: maintenance\"}")
                .statusCode());

        for (String bad : List.of(
                "{\"kind\":\"ADDRESS\",\"value\":\"10.0.0.0/33\",\"reason\":\"x\"}",
                "{\"kind\":\"ADDRESS\",\"value\":\"example.org\",\"reason\":\"x\"}",
                "{\"kind\":\"ADDRESS\",\"value\":\"10.0.0.0/8\"}",
                "{\"kind\":\"PERSON\",\"value\":\"x\",\"reason\":\"x\"}",
                "{\"kind\":\"TIME_WINDOW\",\"value\":\"25:00-01:00\",\"reason\":\"x\"}",
                "{\"kind\":\"TIME_WINDOW\",\"value\":\"22:00-06:00\",\"zone\":\"Mars/Base\",\"reason\":\"x\"}",
                "{\"kind\":\"TIME_WINDOW\",\"value\":\"22:00-06:00\",\"channel\":\"atm\",\"reason\":\"x\"}",
                "{\"kind\":\"DEVICE\",\"value\":\"d\",\"reason\":\"x\",\"expiresAt\":\"yesterday\"}",
                "{\"kind\":\"DEVICE\",\"value\":\"d\",\"reason\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                "not json")) {
            assertFailure(rest.send("POST", "/policy/blocklist", "sysadmin", bad), 400, "FT-3003", bad);
        }
        HttpResponse<String> list = rest.send("GET", "/policy/blocklist", "sysadmin", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains(BLOCKED_DEVICE) && list.body().contains("\"zone\":\"UTC\""), list.body());
    }

    @Test
    @Order(11)
    void blocklistedAddressDeviceAndTimeAreRefusedFirst() {
        Instant atNight = Instant.parse("2026-11-20T03:30:00Z");
        for (String address : List.of("203.0.113.9", "2001:db8:bad:1::9")) {
            FaceTrustException f = refused(FailureCode.ACCESS_BLOCKED,
                    () -> policy.admit(verify(uid(), client(), null, address, NOON)));
            assertEquals(List.of("blocklist:address"), f.reasons());
        }
        policy.admit(verify(uid(), client(), null, "203.0.114.9", NOON));
        policy.admit(verify(uid(), client(), null, "2001:db8:bae::9", NOON));
        assertEquals(List.of("blocklist:device"), refused(FailureCode.ACCESS_BLOCKED,
                () -> policy.admit(verify(uid(), client(), BLOCKED_DEVICE, USUAL_ADDRESS, NOON))).reasons());
        assertEquals(List.of("blocklist:time_window"), refused(FailureCode.ACCESS_BLOCKED,
                () -> policy.admit(verify(uid(), client(), null, USUAL_ADDRESS, atNight))).reasons());
        // The window is for the kiosk only; other channels and other hours pass.
        policy.admit(new RecognitionAttempt(RecognitionOperation.VERIFY, "counter", uid(), client(), null,
                USUAL_ADDRESS, atNight));
        policy.admit(verify(uid(), client(), null, USUAL_ADDRESS, Instant.parse("2026-11-20T04:00:00Z")));
        // The blocklist comes before everything else: even an unknown channel is answered FT-5104.
        refused(FailureCode.ACCESS_BLOCKED, () -> policy.admit(new RecognitionAttempt(RecognitionOperation.IDENTIFY,
                "atm", null, client(), null, "203.0.113.1", NOON)));
    }

    @Test
    @Order(12)
    @RunAsClient
    void sysadminRemovesEntriesAndChannelsAreListedForSysadminAndOperator() throws Exception {
        Rest rest = new Rest();
        HttpResponse<String> list = rest.send("GET", "/policy/blocklist", "sysadmin", null);
        Matcher ids = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(list.body());
        List<String> all = new ArrayList<>();
        while (ids.find()) {
            all.add(ids.group(1));
        }
        assertTrue(all.size() >= 4, list.body());
        assertFailure(rest.send("DELETE", "/policy/blocklist/" + all.get(0), "operator", null), 403, "FT-3002",
                "operator");
        for (String id : all) {
            assertEquals(204, rest.send("DELETE", "/policy/blocklist/" + id, "sysadmin", null).statusCode());
        }
        assertFailure(rest.send("DELETE", "/policy/blocklist/" + all.get(0), "sysadmin", null), 404, "FT-3004",
                "gone");
        assertEquals("[]", rest.send("GET", "/policy/blocklist", "sysadmin", null).body());

        for (String caller : List.of("sysadmin", "operator")) {
            HttpResponse<String> channels = rest.send("GET", "/policy/channels", caller, null);
            assertEquals(200, channels.statusCode(), channels.body());
            assertTrue(channels.body().contains("\"name\":\"counter\"")
                    && channels.body().contains("\"targetFar\":0.001")
                    && channels.body().contains("\"thresholdSource\":\"CONSERVATIVE\""), channels.body());
            assertTrue(channels.body().contains("\"liveness\":\"CHALLENGE\""), channels.body());
            assertFalse(channels.body().contains("threshold\":0."), "no cosine threshold is shown: " + channels.body());
        }
        for (String caller : List.of("auditor", "internal-app")) {
            assertFailure(rest.send("GET", "/policy/channels", caller, null), 403, "FT-3002", caller);
        }
    }

    @Test
    @Order(13)
    void blocklistChangesAreAuditedAndLiftedEntriesNoLongerApply() throws Exception {
        policy.admit(verify(uid(), client(), null, "203.0.113.9", NOON));
        policy.admit(verify(uid(), client(), BLOCKED_DEVICE, USUAL_ADDRESS, NOON));
        assertTrue(auditEntries("BLOCKLIST_ADD") >= 4, "every addition audited");
        assertTrue(auditEntries("BLOCKLIST_REMOVE") >= 4, "every removal audited");
    }

    // ------------------------------------------------------------------------------------------ through recognition

    @Test
    @Order(14)
    @RunAsClient
    void aBlocklistedAddressIsRefusedByTheVerificationEndpoint() throws Exception {
        Rest rest = new Rest();
        byte[] face = Rest.face("id8/img36.jpg");
        String body = Rest.verifyJson(uid(), "counter", face);
        // The test client calls over loopback: blocklist 127.0.0.1 for a moment.
        HttpResponse<String> added = rest.send("POST", "/policy/blocklist", "sysadmin", "{\"kind\":\"ADDRESS\","
                + "\"value\":\"127.0.0.1/32\",\"reason\":\"IT: loopback refused for one request\"}");
        assertEquals(201, added.statusCode(), added.body());
        String id = added.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        try {
            HttpResponse<String> refused = rest.send("POST", "/verifications", "internal-app", body);
            assertFailure(refused, 403, "FT-5104", "blocklisted address");
            assertTrue(refused.body().contains("blocklist:address"), refused.body());
            assertFalse(refused.body().contains("score"), refused.body());
        } finally {
            assertEquals(204, rest.send("DELETE", "/policy/blocklist/" + id, "sysadmin", null).statusCode());
        }
        HttpResponse<String> after = rest.send("POST", "/verifications", "internal-app", body);
        assertEquals(200, after.statusCode(), "lifted: " + after.body());
    }

    @Test
    @Order(15)
    @RunAsClient
    void theSixthConsecutiveFailureOfASubjectGets429WithRetryAfter() throws Exception {
        Rest rest = new Rest();
        // A claimed subject nobody enrolled: answered NO_MATCH like a non-match (A-5.7.5.3 a) and counted.
        String subject = uid();
        String body = Rest.verifyJson(subject, "counter", Rest.face("id8/img36.jpg"));
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> noMatch = rest.send("POST", "/verifications", "internal-app", body);
            assertEquals(200, noMatch.statusCode(), "attempt " + i + ": " + noMatch.body());
            assertTrue(noMatch.body().contains("\"decision\":\"NO_MATCH\""), noMatch.body());
        }
        HttpResponse<String> sixth = rest.send("POST", "/verifications", "internal-app", body);
        assertFailure(sixth, 429, "FT-5101", "6th consecutive failure");
        long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "2 s after the 5th failure: " + retryAfter);
        assertTrue(sixth.body().contains("retry-after:" + retryAfter), sixth.body());
        assertTrue(sixth.body().contains("scope:subject"), sixth.body());
        // Another subject through the same application is not delayed (client scope counts to 25).
        HttpResponse<String> other = rest.send("POST", "/verifications", "internal-app",
                Rest.verifyJson(uid(), "counter", Rest.face("id8/img36.jpg")));
        assertEquals(200, other.statusCode(), other.body());
        // After the delay the subject may try again.
        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(200, rest.send("POST", "/verifications", "internal-app", body).statusCode());
    }

    @Test
    @Order(20)
    void housekeepingForgetsIdleCountersAndOldDevicesOnly() throws Exception {
        Instant later = NOON.plus(Duration.ofDays(40));
        String kiosk = "it-kiosk-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            policy.recordOutcome(verify(uid(), client(), kiosk, USUAL_ADDRESS, later), AttemptResult.FAILURE);
        }
        String subject = uid();
        String device = "it-tablet-" + UUID.randomUUID();
        policy.recordOutcome(verify(subject, client(), device, USUAL_ADDRESS, later), AttemptResult.SUCCESS);
        assertTrue(count("SELECT COUNT(*) FROM attempt_counter WHERE last_failure_at < ?",
                NOON.plus(Duration.ofDays(1))) > 0, "the earlier tests left counters behind");

        assertTrue(housekeeping.purgeNow(later.plusSeconds(1)) > 0);
        assertEquals(0, count("SELECT COUNT(*) FROM attempt_counter WHERE last_failure_at < ?",
                NOON.plus(Duration.ofDays(1))), "counters idle for more than P30D are gone");
        refused(FailureCode.TOO_MANY_ATTEMPTS, () -> policy.admit(verify(uid(), client(), kiosk, USUAL_ADDRESS,
                later.plusSeconds(1))));
        assertEquals(List.of(), policy.admit(verify(subject, client(), device, USUAL_ADDRESS, later.plusSeconds(1)))
                .riskReasons(), "the device is still known");

        housekeeping.purgeNow(later.plus(Duration.ofDays(366)));
        assertEquals(List.of("device.new"), policy.admit(verify(subject, client(), device, USUAL_ADDRESS,
                later.plus(Duration.ofDays(366)))).riskReasons(), "unused for P365D: forgotten");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The weighted failures stored for one counter (keyed as the policy keys it: no value in clear). */
    private int failures(RecognitionOperation operation, AttemptScope scope, String value) {
        String key = keys.pseudonymizer().pseudonym("policy:counter:" + operation + ":" + scope + ":" + value);
        try {
            return count("SELECT COALESCE(MAX(failures), 0) FROM attempt_counter WHERE counter_key = ?", key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ALARM events FT-5103 stored so far (A-5.7.5.3). */
    private static int blockAlarms() throws Exception {
        return count("SELECT COUNT(*) FROM security_event WHERE code = ?", FailureCode.ATTEMPTS_BLOCK_STARTED.code());
    }

    private static int auditEntries(String action) throws Exception {
        return count("SELECT COUNT(*) FROM audit_entry WHERE action = ?", action);
    }

    private static int count(String sql, Object parameter) throws Exception {
        DataSource ds = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter instanceof Instant at) {
                s.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
            } else {
                s.setString(1, (String) parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void assertFailure(HttpResponse<String> response, int status, String code, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertTrue(response.body().contains("\"code\":\"" + code + "\""), what + ": " + response.body());
    }

    /** The REST API from the test client, with real Keycloak tokens per role. */
    static final class Rest {
        static final String IT_SYSADMIN = "it-policy-sysadmin";
        private static final String IT_PASSWORD = "It-Policy-" + Long.toHexString(System.nanoTime()) + "!7b";
        private static final int OFFSET = Integer.getInteger("facetrust.test.port.offset", 10000);
        private static final String API = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust/api/v1";
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private static Map<String, String> tokens;

        Rest() {
            synchronized (Rest.class) {
                if (tokens == null) {
                    KeycloakTestServer keycloak = KeycloakTestServer.get();
                    keycloak.ensureUser(IT_SYSADMIN, IT_PASSWORD, List.of("sysadmin"), true);
                    Map<String, String> t = new LinkedHashMap<>();
                    t.put("sysadmin", keycloak.passwordToken(IT_SYSADMIN, IT_PASSWORD, true));
                    t.put("operator", keycloak.passwordToken("operator",
                            keycloak.secret("FACETRUST_OPERATOR_PASSWORD")));
                    t.put("auditor", keycloak.passwordToken("auditor", keycloak.secret("FACETRUST_AUDITOR_PASSWORD")));
                    t.put("internal-app", keycloak.clientCredentialsToken("facetrust-internal-app",
                            keycloak.secret("FACETRUST_INTERNAL_APP_SECRET")));
                    tokens = t;
                }
            }
        }

        static byte[] face(String name) throws java.io.IOException {
            Path testdata = Path.of(System.getProperty("facetrust.testdata.dir", "../../shared/testdata"));
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(testdata),
                    "../shared/testdata is absent: " + testdata);
            return Files.readAllBytes(testdata.resolve("faces/deepface/" + name));
        }

        static String verifyJson(String uid, String channel, byte[] image) {
            return "{\"uid\":\"" + uid + "\",\"channel\":\"" + channel + "\",\"image\":\""
                    + java.util.Base64.getEncoder().encodeToString(image) + "\"}";
        }

        HttpResponse<String> send(String method, String path, String caller, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(30));
            if (caller != null) {
                b.header("Authorization", "Bearer " + tokens.get(caller));
            }
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
