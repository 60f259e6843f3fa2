package com.facetrust.application.enrolment;

import com.facetrust.application.deletion.DeletionSweep;
import com.facetrust.application.deletion.DeletionSweepReport;
import com.facetrust.application.maintenance.MaintenanceReport;
import com.facetrust.application.maintenance.MaintenanceSchedule;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The subject lifecycle of issue 4 end to end in the real server: REST calls with real Keycloak tokens (operator
 * password grant, internal application client credentials), real models on real photos, both XA stores, the real
 * key service (master keystore generated on first start), checked afterwards with plain JDBC and the key store.
 * Runs inside the server (one deployment for the whole class); the HTTP calls go over loopback.
 *
 * <p>Requirements: A-5.1, A-5.6.1, A-5.6.2, A-7.1a, A-7.2a, A-7.3, A-7.4b, D-6.2f, D-8.2.2c, D-8.2.4e, D-8.2.5a,
 * D-8.2.5g.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubjectLifecycleIT {

    /** Every image this test sent, so the last test can look for their bytes in the stores and the logs. */
    private static final Map<String, byte[]> SENT = new ConcurrentHashMap<>();

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = DeployedEar.withTestClasses(SubjectLifecycleIT.class, LifecycleApi.class,
                OneTimeCodes.class);
        DeployedEar.addBeanLibrary(ear, "facetrust-lifecycle-test.jar", AdjustableClock.class, ReferenceWritesProbe.class);
        return ear;
    }

    @EJB
    TemplateProtectionService keys;

    @EJB
    DeletionSweep sweep;

    @EJB
    MaintenanceSchedule maintenance;

    @EJB
    com.facetrust.application.deletion.SubjectDeletion deletion;

    private LifecycleApi api;
    private String operator;

    @BeforeEach
    void setUp() {
        api = new LifecycleApi();
        operator = api.operatorToken();
        AdjustableClock.reset();
    }

    @AfterEach
    void resetClock() {
        AdjustableClock.reset();
    }

    // ---------------------------------------------------------------- create + consent + enrol

    @Test
    @Order(1)
    void createConsentEnrolListAndCapReferences() throws Exception {
        // Notices are public and versioned, with every element A-7.1a asks for.
        LifecycleApi.Answer notices = api.get("/consent-notices/FACE_VERIFICATION", null);
        assertEquals(200, notices.status(), notices.toString());
        JsonObject notice = notices.json();
        for (String field : List.of("version", "purposeText", "dataKinds", "processing", "withdrawal",
                "controllerContact")) {
            assertFalse(notice.getString(field).isBlank(), field);
        }
        assertEquals(1095, notice.getInt("storagePeriodDays"));

        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertTrue(uid.matches("[0-9a-f]{32}"), uid);
        JsonObject subject = api.get("/subjects/" + uid, operator).json();
        assertEquals("ACTIVE", subject.getString("status"));
        assertEquals(2, subject.getJsonArray("consents").size());
        JsonObject face = subject.getJsonArray("consents").getJsonObject(1);
        assertEquals("counter", face.getString("channel"));
        assertTrue(face.getBoolean("effective"));
        assertFalse(face.isNull("retainUntil"), "the storage period of the notice is applied");

        // JSON with two images, multipart with one, a raw body with one: four references under one data key.
        LifecycleApi.Answer json = api.enrolJson(uid, operator, List.of(image("id0/img1.jpg"), image("id0/img2.jpg")));
        assertEquals(201, json.status(), json.toString());
        assertEquals(2, json.json().getJsonArray("references").size());
        LifecycleApi.Answer multipart = api.enrolMultipart(uid, operator, List.of(image("id0/img4.jpg")));
        assertEquals(201, multipart.status(), multipart.toString());
        LifecycleApi.Answer raw = api.postRaw("/subjects/" + uid + "/references", api.internalAppToken(),
                "image/jpeg", image("id0/img5.jpg"));
        assertEquals(201, raw.status(), "the internal application (client role enrol) may enrol: " + raw);

        LifecycleApi.Answer listed = api.get("/subjects/" + uid + "/references", operator);
        assertEquals(200, listed.status(), listed.toString());
        assertEquals(4, Json.array(listed.body()).size());
        assertFalse(listed.body().contains("template"), "the API never shows templates: " + listed.body());

        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        assertEquals(4, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", uid),
                "the biometric store never holds the UID");
        UUID dataKey = dataKeyOf(uid);
        assertTrue(keys.keyStore().dataKeyExists(dataKey));
        for (byte[] template : templates(pseudonym)) {
            assertEquals(dataKey, ProtectedTemplate.decode(template).dataKeyId(), "one data key per subject");
            assertTrue(template.length < 2200, "a protected 512-d template, not an image: " + template.length);
        }
        assertEquals(200, api.post("/subjects/" + uid + "/references/integrity-check", operator).status());

        // The cap (default 5): two more would be 6.
        LifecycleApi.Answer over = api.enrolJson(uid, operator, List.of(image("id0/img6.jpg"), image("id0/img7.jpg")));
        assertFailure(over, 409, "FT-4006");
        assertEquals(4, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id0/img6.jpg"))).status());

        // A subject removes one of its references (D-6.2g).
        String first = Json.array(api.get("/subjects/" + uid + "/references", operator).body())
                .getJsonObject(0).getString("referenceId");
        assertEquals(204, api.delete("/subjects/" + uid + "/references/" + first, operator).status());
        assertFailure(api.delete("/subjects/" + uid + "/references/" + first, operator), 404, "FT-4009");
        assertEquals(4, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
    }

    @Test
    @Order(2)
    void refusalsCarryTheirCodes() throws Exception {
        Map<String, String> versions = api.noticeVersions();
        // No privacy-policy consent, outdated notice, unknown subject, no token, wrong role.
        assertFailure(api.postJson("/subjects", operator, "{\"consents\":[{\"purpose\":\"FACE_VERIFICATION\","
                + "\"noticeVersion\":\"" + versions.get("FACE_VERIFICATION") + "\"}],\"channel\":\"web\"}"),
                409, "FT-4004");
        assertFailure(api.postJson("/subjects", operator, "{\"consents\":[{\"purpose\":\"PRIVACY_POLICY\","
                + "\"noticeVersion\":\"privacy-1999\"}],\"channel\":\"web\"}"), 422, "FT-4007");
        assertFailure(api.get("/subjects/" + "0".repeat(32), operator), 404, "FT-4003");
        assertFailure(api.get("/subjects/not-a-uid", operator), 404, "FT-4003");
        assertFailure(api.enrolJson("0".repeat(32), operator, List.of(image("id1/img26.jpg"))), 404, "FT-4003");
        assertFailure(api.postJson("/subjects", null, "{}"), 401, "FT-3001");
        assertFailure(api.postJson("/subjects", "garbage", "{}"), 401, "FT-3001");
        assertFailure(api.postJson("/subjects", operator, "{\"consents\":[{\"purpose\":\"NONSENSE\"}]}"), 400,
                "FT-3003");

        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        long keysBefore = dataKeyFiles();
        // No face: a blank picture.
        assertFailure(api.postRaw("/subjects/" + uid + "/references", operator, "image/png",
                read(testdata().resolve("faces/scenes/noface/white.png"))), 422, "FT-2001");
        // Several competing faces.
        LifecycleApi.Answer group = api.postRaw("/subjects/" + uid + "/references", operator, "image/jpeg",
                read(testdata().resolve("faces/scenes/group/bbt1.jpg")));
        assertTrue(group.status() == 422 && List.of("FT-2002", "FT-2003").contains(group.code()), group.toString());
        // Quality: a darkened copy of a good photo fails with its reason.
        LifecycleApi.Answer dark = api.postRaw("/subjects/" + uid + "/references", operator, "image/png",
                darkened(image("id1/img27.jpg")));
        assertFailure(dark, 422, "FT-2003");
        assertTrue(dark.json().getJsonArray("reasons").toString().contains("brightness"), dark.toString());
        // Not an image at all, and an empty body.
        assertFailure(api.postRaw("/subjects/" + uid + "/references", operator, "image/jpeg",
                "this is not an image".getBytes()), 415, "FT-1003");
        assertFailure(api.postJson("/subjects/" + uid + "/references", operator, "{\"images\":[]}"), 400,
                "FT-1000");
        // Body over the limit (8 MiB by default), refused from its Content-Length before reading.
        assertFailure(api.postRaw("/subjects/" + uid + "/references", operator, "image/jpeg",
                new byte[9 * 1024 * 1024]), 413, "FT-3005");
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?",
                keys.pseudonymizer().pseudonym(uid)), "no refused image left a reference");
        assertEquals(keysBefore, dataKeyFiles(), "a refused first enrolment leaves no orphan data key");
        assertNull(subjectRow(uid)[2], "and binds none to the subject");
    }

    /** Data keys in the template key directory (the server's default layout). */
    private static long dataKeyFiles() throws IOException {
        Path dir = Path.of(System.getProperty("jboss.server.data.dir"), "facetrust-keys", "template-keys",
                "data-keys");
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".key")).count();
        }
    }

    @Test
    @Order(3)
    void noFaceDataIsProcessedWithoutOrAfterConsent() throws Exception {
        // Only the privacy policy: enrolment is refused before the image is even looked at — a corrupt image gets
        // the consent code, not an image code (D-8.2.5a).
        String noFace = api.register(operator, "PRIVACY_POLICY");
        assertFailure(api.enrolJson(noFace, operator, List.of(image("id2/img8.jpg"))), 409, "FT-4004");
        assertFailure(api.postRaw("/subjects/" + noFace + "/references", operator, "image/jpeg",
                new byte[]{1, 2, 3}), 409, "FT-4004");

        // Consent given later through the API: enrolment then works.
        String version = api.noticeVersions().get("FACE_VERIFICATION");
        assertEquals(200, api.postJson("/subjects/" + noFace + "/consents", operator,
                "{\"purpose\":\"FACE_VERIFICATION\",\"noticeVersion\":\"" + version + "\",\"channel\":\"kiosk\"}")
                .status());
        assertEquals(201, api.enrolJson(noFace, operator, List.of(image("id2/img8.jpg"))).status());

        // Withdrawn face-verification consent (identification consent still there, so the subject stays).
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION", "FACE_IDENTIFICATION");
        LifecycleApi.Answer withdrawn = api.postJson("/subjects/" + uid + "/consents/FACE_VERIFICATION/withdrawal",
                operator, "{\"channel\":\"web\"}");
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        JsonObject consent = withdrawn.json().getJsonArray("consents").getJsonObject(1);
        assertEquals("web", consent.getString("withdrawalChannel"));
        assertFalse(consent.isNull("withdrawnAt"));
        assertEquals("ACTIVE", withdrawn.json().getString("status"));
        assertFailure(api.enrolJson(uid, operator, List.of(image("id2/img8.jpg"))), 409, "FT-4005");
        assertFailure(api.postJson("/subjects/" + uid + "/consents/FACE_VERIFICATION/withdrawal", operator,
                "{\"channel\":\"web\"}"), 409, "FT-4004");
    }

    // ---------------------------------------------------------------- XA

    @Test
    @Order(4)
    void failureBetweenTheTwoWritesLeavesBothStoresUntouched() throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id3/img12.jpg"))).status());
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        Object[] before = subjectRow(uid);

        ReferenceWritesProbe.failBetweenWritesFor(uid);
        LifecycleApi.Answer failed = api.enrolJson(uid, operator, List.of(image("id3/img3.jpg")));
        assertEquals(500, failed.status(), "an injected bug is a server fault: " + failed);
        assertEquals("FT-9999", failed.code());
        assertFalse(failed.body().contains("injected"), "no internals in the answer");

        assertEquals(2, ReferenceWritesProbe.seen(uid), "the failure struck after the identity write");
        assertArrayEquals(before, subjectRow(uid), "identity write (last use, version) rolled back");
        assertEquals(1, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym),
                "no biometric row of the failed enrolment");
        // And the next attempt works normally.
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id3/img3.jpg"))).status());
        assertEquals(2, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
    }

    // ---------------------------------------------------------------- tampering

    @Test
    @Order(5)
    void tamperedOrMovedTemplateRowsAreDetected() throws Exception {
        String a = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        String b = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertEquals(201, api.enrolJson(a, operator, List.of(image("id4/img17.jpg"))).status());
        assertEquals(201, api.enrolJson(b, operator, List.of(image("id5/img29.jpg"), image("id5/img30.jpg")))
                .status());
        assertEquals(200, api.post("/subjects/" + a + "/references/integrity-check", operator).status());

        // B's second template copied over its first row: same subject and key, other reference id.
        List<String> bRefs = referenceIds(keys.pseudonymizer().pseudonym(b));
        byte[] second = template(bRefs.get(1));
        setTemplate(bRefs.get(0), second);
        LifecycleApi.Answer moved = api.post("/subjects/" + b + "/references/integrity-check", operator);
        assertFailure(moved, 409, "FT-4501");
        assertTrue(moved.body().contains(bRefs.get(0)), "names the row: " + moved);

        // One bit of A's ciphertext flipped.
        String aRef = referenceIds(keys.pseudonymizer().pseudonym(a)).get(0);
        byte[] edited = template(aRef);
        edited[edited.length - 40] ^= 1;
        setTemplate(aRef, edited);
        assertFailure(api.post("/subjects/" + a + "/references/integrity-check", operator), 409, "FT-4501");
    }

    // ---------------------------------------------------------------- deletion

    @Test
    @Order(6)
    void withdrawalLeadsToCryptoShreddedDeletionWithinFifteenDays() throws Exception {
        // With personal data: kept encrypted at field level under the subject's data key.
        Map<String, String> versions = api.noticeVersions();
        LifecycleApi.Answer created = api.postJson("/subjects", operator, "{\"consents\":["
                + "{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\"" + versions.get("PRIVACY_POLICY") + "\"},"
                + "{\"purpose\":\"FACE_VERIFICATION\",\"noticeVersion\":\"" + versions.get("FACE_VERIFICATION")
                + "\"}],\"channel\":\"counter\",\"name\":\"Ada Lovelace\",\"contact\":\"ada@example.org\"}");
        assertEquals(201, created.status(), created.toString());
        String uid = created.json().getString("uid");
        assertEquals("Ada Lovelace", api.get("/subjects/" + uid, operator).json().getString("name"));
        byte[] storedPersonal;
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT personal_data FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                storedPersonal = rs.getBytes(1);
            }
        }
        assertNotNull(storedPersonal);
        assertFalse(contains(storedPersonal, "Lovelace".getBytes()) || contains(storedPersonal, "ada@".getBytes()),
                "personal data is not in clear in the identity store");
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id6/img13.jpg"), image("id6/img14.jpg")))
                .status());
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        UUID dataKey = dataKeyOf(uid);
        // "A backup": copies of the template rows as they are in the biometric database now.
        String referenceId = referenceIds(pseudonym).get(0);
        byte[] backup = template(referenceId);
        TemplateBinding binding = new TemplateBinding(pseudonym, referenceId, ApplicationDomain.of("default"));
        float[] opened = keys.protector().open(ProtectedTemplate.decode(backup), binding);
        assertEquals(512, opened.length, "the backup copy opens while the subject exists");

        Instant withdrawnAt = Instant.now();
        // Withdrawing the general (privacy-policy) consent deletes everything; withdrawing only the face consent
        // deletes the face data and keeps the subject (NonFaceWayInAndRetentionIT).
        LifecycleApi.Answer withdrawn = api.postJson("/subjects/" + uid + "/consents/PRIVACY_POLICY/withdrawal",
                operator, "{\"channel\":\"mobile\"}");
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        assertEquals("DELETION_PENDING", withdrawn.json().getString("status"));
        assertEquals("CONSENT_WITHDRAWN", withdrawn.json().getString("deletionGround"));
        Instant due = Instant.parse(withdrawn.json().getString("deletionDueAt"));
        assertFalse(due.isAfter(withdrawnAt.plus(Duration.ofDays(15))), "due within 15 days: " + due);
        // Nothing works any more.
        assertFailure(api.enrolJson(uid, operator, List.of(image("id6/img15.jpg"))), 410, "FT-4008");

        // Just before fifteen days have passed by the server clock, the maintenance job (what the daily timer runs)
        // deletes it.
        AdjustableClock.advance(Duration.ofDays(15).minusMinutes(5));
        MaintenanceReport report = maintenance.runNow();
        DeletionSweepReport swept = maintenance.lastDeletionSweep().orElseThrow();
        assertTrue(swept.deleted() >= 1, swept.toString());
        assertTrue(swept.failed().isEmpty(), swept.toString());
        assertEquals(0, report.overdueDeletion(), "no deletion overdue after the sweep");

        // Crypto-shredding: the key is gone first, and the backup copy can no longer be decrypted.
        assertFalse(keys.keyStore().dataKeyExists(dataKey));
        FaceTrustException shredded = assertThrows(FaceTrustException.class,
                () -> keys.protector().open(ProtectedTemplate.decode(backup), binding));
        assertEquals(FailureCode.TEMPLATE_KEY_DESTROYED, shredded.failureCode());
        // Rows gone, tombstone left.
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
        assertEquals(0, count(identity(), "SELECT COUNT(*) FROM consent_record c JOIN subject s ON c.subject_id = s.id "
                + "WHERE s.uid = ?", uid));
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT status, data_key_id, deletion_ground, deleted_at, "
                     + "deletion_due_at FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the tombstone stays");
                assertEquals("DELETED", rs.getString(1));
                assertNull(rs.getString(2), "no key id on the tombstone");
                assertEquals("CONSENT_WITHDRAWN", rs.getString(3));
                Instant deletedAt = rs.getTimestamp(4).toInstant();
                assertTrue(deletedAt.isBefore(withdrawnAt.plus(Duration.ofDays(15))),
                        "deleted within 15 days of the withdrawal (server clock): " + deletedAt);
                assertTrue(deletedAt.isAfter(withdrawnAt.plus(Duration.ofDays(14))), "the test clock was used");
            }
        }
        LifecycleApi.Answer gone = api.get("/subjects/" + uid, operator);
        assertEquals("DELETED", gone.json().getString("status"));
        assertTrue(!gone.json().containsKey("name") || gone.json().isNull("name"), "no name on the tombstone");
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT personal_data FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getBytes(1), "personal data removed from the tombstone");
            }
        }
        assertTrue(gone.json().getJsonArray("consents").isEmpty());
        assertFailure(api.enrolJson(uid, operator, List.of(image("id6/img15.jpg"))), 410, "FT-4008");
    }

    @Test
    @Order(7)
    void unusedForAYearIsScheduledAndDeletedBySweepAndDeregistrationToo() throws Exception {
        String idle = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertEquals(201, api.enrolJson(idle, operator, List.of(image("id7/img38.jpg"))).status());
        UUID idleKey = dataKeyOf(idle);
        String leaving = api.register(operator, "PRIVACY_POLICY");
        LifecycleApi.Answer deregistered = api.delete("/subjects/" + leaving, operator);
        assertEquals(202, deregistered.status(), deregistered.toString());
        assertEquals("DEREGISTERED", deregistered.json().getString("deletionGround"));

        // One year and a day later (A-7.3e), one sweep schedules the idle subject and deletes both.
        AdjustableClock.advance(Duration.ofDays(366));
        DeletionSweepReport report = sweep.sweep();
        assertTrue(report.scheduled() >= 1 && report.deleted() >= 2, report.toString());
        assertEquals("DELETED", api.get("/subjects/" + idle, operator).json().getString("status"));
        assertEquals("INACTIVITY", api.get("/subjects/" + idle, operator).json().getString("deletionGround"));
        assertEquals("DELETED", api.get("/subjects/" + leaving, operator).json().getString("status"));
        assertFalse(keys.keyStore().dataKeyExists(idleKey));
    }

    // ---------------------------------------------------------------- no images at rest

    @Test
    @Order(8)
    void deregistrationBySubjectNeedsBothFactors() throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id1/img26.jpg"))).status());
        String noFactor = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");

        LifecycleApi.Answer setUp = api.post("/subjects/" + uid + "/second-factor", operator);
        assertEquals(201, setUp.status(), setUp.toString());
        byte[] secret = OneTimeCodes.secret(setUp.json().getString("secret"));
        assertTrue(setUp.json().getString("otpauthUri").startsWith("otpauth://totp/FaceTrust:" + uid), setUp.body());
        assertFailure(api.post("/subjects/" + uid + "/second-factor", operator), 400, "FT-3003");
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT second_factor FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(contains(rs.getBytes(1), secret), "the secret is stored encrypted only");
            }
        }

        byte[] genuine = image("id1/img27.jpg");
        byte[] impostor = image("id2/img47.jpg");
        assertFailure(deregister(noFactor, genuine, "123456"), 409, "FT-4010");
        long step = Instant.now().getEpochSecond() / 30;
        String wrong = OneTimeCodes.code(secret, step + 5);
        assertFailure(deregister(uid, genuine, wrong), 403, "FT-4011");
        String code = OneTimeCodes.code(secret, step);
        assertFailure(deregister(uid, impostor, code), 403, "FT-4012");
        assertEquals("ACTIVE", api.get("/subjects/" + uid, operator).json().getString("status"));
        assertFailure(deregister(uid, genuine, code), 403, "FT-4011"); // a used code never works twice

        // Re-enrolment (D-5.3.3): new code + matching face, then two new references replace the old one.
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        List<String> before = referenceIds(pseudonym);
        String reEnrolCode = OneTimeCodes.code(secret, Instant.now().getEpochSecond() / 30 + 1);
        LifecycleApi.Answer impostorChange = api.postJson("/subjects/" + uid + "/re-enrolment", operator,
                reEnrolmentBody(impostor, OneTimeCodes.code(secret, Instant.now().getEpochSecond() / 30 - 1),
                        List.of(image("id1/img28.jpg"))));
        assertTrue(impostorChange.status() == 403, impostorChange.toString()); // FT-4011 (older step) or FT-4012
        assertEquals(before, referenceIds(pseudonym), "nothing changed");
        LifecycleApi.Answer changed = api.postJson("/subjects/" + uid + "/re-enrolment", operator,
                reEnrolmentBody(genuine, reEnrolCode, List.of(image("id1/img28.jpg"), image("id1/img42.jpg"))));
        assertEquals(201, changed.status(), changed.toString());
        List<String> after = referenceIds(pseudonym);
        assertEquals(2, after.size());
        assertTrue(after.stream().noneMatch(before::contains), "the old reference is gone, in the same transaction");

        String next = OneTimeCodes.code(secret, Instant.now().getEpochSecond() / 30 + 1);
        // The re-enrolment used step+1 already when the clock has not moved on: wait for a fresh step if needed.
        if (next.equals(reEnrolCode)) {
            Thread.sleep(1000 * (30 - Instant.now().getEpochSecond() % 30) + 200);
            next = OneTimeCodes.code(secret, Instant.now().getEpochSecond() / 30 + 1);
        }
        LifecycleApi.Answer done = deregister(uid, genuine, next);
        assertEquals(202, done.status(), done.toString());
        assertEquals("DELETION_PENDING", done.json().getString("status"));
        assertEquals("DEREGISTERED", done.json().getString("deletionGround"));
    }

    private static String reEnrolmentBody(byte[] probe, String code, List<byte[]> images) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "{\"verificationImage\":\"" + b64.encodeToString(probe) + "\",\"oneTimeCode\":\"" + code
                + "\",\"images\":[" + String.join(",", images.stream().map(i -> "\"" + b64.encodeToString(i) + "\"")
                .toList()) + "]}";
    }

    private LifecycleApi.Answer deregister(String uid, byte[] image, String code) {
        return api.postJson("/subjects/" + uid + "/deregistration", operator, "{\"image\":\""
                + java.util.Base64.getEncoder().encodeToString(image) + "\",\"oneTimeCode\":\"" + code + "\"}");
    }

    @Test
    @Order(9)
    void noImageBytesInEitherStoreNorInTheLogs() throws Exception {
        assumeTrue(!SENT.isEmpty(), "the enrolment tests ran first and sent images");
        // 1. Every binary or text value of every table of both stores: no image signature, no base64 of one.
        for (DataSource store : List.of(identity(), biometric())) {
            for (String table : tables(store)) {
                try (Connection c = store.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int col = 1; col <= md.getColumnCount(); col++) {
                            int type = md.getColumnType(col);
                            if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                                    || type == Types.BLOB) {
                                byte[] v = rs.getBytes(col);
                                assertFalse(v != null && looksLikeImage(v), table + "." + md.getColumnName(col));
                            } else if (type == Types.VARCHAR || type == Types.CLOB || type == Types.LONGVARCHAR) {
                                String v = rs.getString(col);
                                assertFalse(v != null && (v.contains("/9j/") || v.contains("iVBORw0KGgo")),
                                        table + "." + md.getColumnName(col));
                            }
                        }
                    }
                }
            }
        }
        // 2. The database files and the server's log files: no 48-byte run of any image sent, raw or base64.
        List<Path> files = new ArrayList<>();
        Path data = Path.of(System.getProperty("jboss.server.data.dir"), "facetrust");
        Path logs = Path.of(System.getProperty("jboss.server.log.dir"));
        for (Path dir : List.of(data, logs)) {
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".mv.db")), "found the H2 files: " + files);
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (Map.Entry<String, byte[]> sent : SENT.entrySet()) {
                byte[] img = sent.getValue();
                for (int offset : new int[]{0, img.length / 3, img.length / 2, img.length - 64}) {
                    byte[] run = Arrays.copyOfRange(img, offset, offset + 48);
                    assertFalse(contains(content, run), sent.getKey() + " bytes at " + offset + " found in " + file);
                    byte[] b64 = java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(img,
                            offset - offset % 3, offset - offset % 3 + 48)).getBytes();
                    assertFalse(contains(content, b64), sent.getKey() + " base64 found in " + file);
                }
            }
        }
    }

    /** Last: deletes every subject of this deployment. */
    @Test
    @Order(10)
    void serviceStopSchedulesEverySubjectAndTheSweepDeletesThem() throws Exception {
        // Not for operators: only a system administrator may stop the service.
        assertFailure(api.postJson("/admin/service-stop", operator, "{\"confirm\":\"delete every subject\"}"), 403,
                "FT-3002");
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id7/img39.jpg"))).status());
        long alive = count(identity(), "SELECT COUNT(*) FROM subject WHERE status <> ?", "DELETED");
        assertEquals(alive, deletion.scheduleAllForServiceStop());
        DeletionSweepReport report = sweep.sweep();
        assertEquals(alive, report.deleted(), report.toString());
        assertEquals(0, count(identity(), "SELECT COUNT(*) FROM subject WHERE status <> ?", "DELETED"));
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE protection_domain = ?",
                "default"), "no face reference left");
        assertEquals("SERVICE_STOPPED", api.get("/subjects/" + uid, operator).json().getString("deletionGround"));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertFailure(LifecycleApi.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(code, answer.code(), answer.toString());
    }

    private static Path testdata() {
        String dir = System.getProperty("facetrust.it.testdata.dir", "");
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir, "faces/deepface")),
                "test images not found (facetrust.testdata.dir = '" + dir + "'): ../shared/testdata is absent");
        return Path.of(dir);
    }

    /** A deepface photo, e.g. "id0/img1.jpg"; remembered for the no-images-at-rest scan. */
    private static byte[] image(String name) throws IOException {
        byte[] bytes = read(testdata().resolve("faces/deepface/" + name));
        SENT.put(name, bytes.clone());
        return bytes;
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** The photo at a fifth of its brightness, as PNG. */
    private static byte[] darkened(byte[] jpeg) {
        com.facetrust.infrastructure.face.OpenCvRuntime.ensureLoaded();
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        Mat dark = new Mat();
        decoded.convertTo(dark, -1, 0.2, 0);
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", dark, png);
        byte[] out = png.toArray();
        decoded.release();
        dark.release();
        png.release();
        SENT.put("darkened", out.clone());
        return out;
    }

    private static boolean looksLikeImage(byte[] v) {
        return (v.length >= 3 && (v[0] & 0xff) == 0xFF && (v[1] & 0xff) == 0xD8 && (v[2] & 0xff) == 0xFF)
                || (v.length >= 8 && Arrays.equals(Arrays.copyOf(v, 8), HexFormat.of().parseHex("89504e470d0a1a0a")));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static DataSource identity() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
    }

    private static DataSource biometric() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/BiometricDS");
    }

    private static List<String> tables(DataSource store) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = store.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        assertFalse(tables.isEmpty());
        return tables;
    }

    private static long count(DataSource store, String sql, String parameter) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static UUID dataKeyOf(String uid) throws Exception {
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT data_key_id FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                String id = rs.getString(1);
                assertNotNull(id, "enrolment bound a data key to the subject");
                return UUID.fromString(id);
            }
        }
    }

    private static Object[] subjectRow(String uid) throws Exception {
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT last_used_at, version, data_key_id, status FROM subject "
                     + "WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return new Object[]{rs.getTimestamp(1), rs.getLong(2), rs.getString(3), rs.getString(4)};
            }
        }
    }

    private static List<byte[]> templates(String pseudonym) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String id : referenceIds(pseudonym)) {
            out.add(template(id));
        }
        return out;
    }

    private static List<String> referenceIds(String pseudonym) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = biometric().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT reference_id FROM face_reference WHERE pseudonym = ? "
                     + "ORDER BY created_at, id")) {
            q.setString(1, pseudonym);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static byte[] template(String referenceId) throws Exception {
        try (Connection c = biometric().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT template FROM face_reference WHERE reference_id = ?")) {
            q.setString(1, referenceId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    private static void setTemplate(String referenceId, byte[] template) throws Exception {
        try (Connection c = biometric().getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE face_reference SET template = ? WHERE reference_id = ?")) {
            u.setBytes(1, template);
            u.setString(2, referenceId);
            assertEquals(1, u.executeUpdate());
        }
    }

    /** Minimal JSON array reading for list answers. */
    private static final class Json {
        static jakarta.json.JsonArray array(String body) {
            try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
                return r.readArray();
            }
        }
    }
}
