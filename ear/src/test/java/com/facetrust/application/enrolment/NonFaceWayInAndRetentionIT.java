package com.facetrust.application.enrolment;

import com.facetrust.application.deletion.DeletionSweepReport;
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
import jakarta.json.JsonArray;
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

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 4, session 2, end to end in the real server with real Keycloak tokens, real photos and both XA stores: the
 * non-face way in (password + TOTP, A-7.1b, B-5.5.2), withdrawal of the face consent that deletes the face data and
 * crypto-shreds its key while the subject stays (A-7.3a), the status history, "purpose met" (A-7.3c) and retention
 * per data kind with the controllable clock (A-7.4c; short periods from {@link RetentionTestSetup}).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, RetentionTestSetup.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NonFaceWayInAndRetentionIT {
    private static final String PASSWORD = "correct horse battery staple";

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = DeployedEar.withTestClasses(NonFaceWayInAndRetentionIT.class, LifecycleApi.class,
                OneTimeCodes.class, com.facetrust.platform.DecisionKeys.class);
        DeployedEar.addBeanLibrary(ear, "facetrust-lifecycle-test.jar", AdjustableClock.class);
        return ear;
    }

    @EJB
    TemplateProtectionService keys;

    @EJB
    MaintenanceSchedule maintenance;

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

    // ---------------------------------------------------------------- non-face way in

    @Test
    @Order(1)
    void subjectWithoutFaceConsentSetsAPasswordAndSecondFactor() throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY");
        assertFailure(setPassword(uid, "short"), 422, "FT-4602");
        assertFailure(setPassword(uid, "aaaaaaaaaaaaaaaa"), 422, "FT-4602");
        assertEquals(204, setPassword(uid, PASSWORD).status());
        assertFailure(setPassword(uid, "another good passphrase"), 409, "FT-4603");
        LifecycleApi.Answer totp = api.post("/subjects/" + uid + "/second-factor", operator);
        assertEquals(201, totp.status(), totp.toString());

        JsonObject subject = api.get("/subjects/" + uid, operator).json();
        assertTrue(subject.getBoolean("hasPassword"));
        assertTrue(subject.getBoolean("hasSecondFactor"));
        assertFalse(subject.toString().contains(PASSWORD));
        byte[] stored = column(uid, "password_credential");
        assertNotNull(stored);
        assertFalse(contains(stored, PASSWORD.getBytes(StandardCharsets.UTF_8)), "never in clear");
        assertTrue(stored.length < 256, "a PBKDF2 hash under AES-GCM, not the password: " + stored.length);
        // Nothing went to the biometric store: no face data on this path.
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?",
                keys.pseudonymizer().pseudonym(uid)));
        // Changing it needs the current password AND a fresh one-time code.
        byte[] secret = OneTimeCodes.secret(totp.json().getString("secret"));
        long step = Instant.now().getEpochSecond() / 30;
        assertFailure(api.postJson("/subjects/" + uid + "/password", operator, "{\"password\":\"new passphrase 2\","
                + "\"currentPassword\":\"wrong passphrase\",\"oneTimeCode\":\"" + OneTimeCodes.code(secret, step)
                + "\"}"),
                403, "FT-4011");
        assertEquals(204, api.postJson("/subjects/" + uid + "/password", operator, "{\"password\":\"" + PASSWORD
                + "\",\"currentPassword\":\"" + PASSWORD + "\",\"oneTimeCode\":\""
                + OneTimeCodes.code(secret, step + 1) + "\"}").status());
    }

    @Test
    @Order(2)
    void credentialCheckAnswersLikeAVerificationAndCountsAttempts() throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY");
        assertEquals(204, setPassword(uid, PASSWORD).status());
        byte[] secret = OneTimeCodes.secret(api.post("/subjects/" + uid + "/second-factor", operator).json()
                .getString("secret"));
        String verifier = api.internalAppToken(); // client role verify
        long step = Instant.now().getEpochSecond() / 30;

        LifecycleApi.Answer match = check(uid, verifier, PASSWORD, OneTimeCodes.code(secret, step));
        assertEquals(200, match.status(), match.toString());
        assertEquals("MATCH", match.json().getString("decision"));
        assertEquals("VERIFY", match.json().getString("operation"));
        assertEquals("PASSWORD_TOTP", match.json().getString("method"));
        assertEquals("web", match.json().getString("channel"));
        assertFalse(match.json().getString("transactionId").isBlank());
        // Signed like a face decision (A-5.7.4 a): the JWS verifies under the published keys and carries the fields.
        jakarta.json.JsonObject claims = com.facetrust.platform.DecisionKeys.verifiedClaims(
                match.json().getString("jws"), com.facetrust.platform.DecisionKeys.parse(
                        api.get("/decisions/keys", verifier).body()));
        for (String field : List.of("transactionId", "operation", "method", "decision", "channel", "decidedAt")) {
            assertEquals(match.json().getString(field), claims.getString(field), field);
        }
        assertEquals(uid, claims.getString("uid"));
        assertEquals("facetrust-internal-app", claims.getString("aud"), "audience = the calling client");
        // The same code again (replay): NO_MATCH although the password is right.
        LifecycleApi.Answer replay = check(uid, verifier, PASSWORD, OneTimeCodes.code(secret, step));
        assertEquals("NO_MATCH", replay.json().getString("decision"), replay.toString());
        // Wrong password with a right code, right password with a wrong code: the same answer, no hint which.
        LifecycleApi.Answer wrongPassword = check(uid, verifier, "not the password",
                OneTimeCodes.code(secret, step + 1));
        LifecycleApi.Answer wrongCode = check(uid, verifier, PASSWORD, OneTimeCodes.code(secret, step + 7));
        assertEquals(200, wrongPassword.status());
        assertEquals("NO_MATCH", wrongPassword.json().getString("decision"));
        assertEquals(wrongPassword.json().keySet(), wrongCode.json().keySet());
        assertEquals("NO_MATCH", wrongCode.json().getString("decision"));
        assertFalse(wrongPassword.body().toLowerCase().contains("password\""), wrongPassword.body());
        // Unknown subject: answered like a non-match.
        LifecycleApi.Answer unknown = check("0".repeat(32), verifier, PASSWORD, "123456");
        assertEquals(200, unknown.status(), unknown.toString());
        assertEquals("NO_MATCH", unknown.json().getString("decision"));
        // No token: refused before anything is looked at.
        assertFailure(check(uid, null, PASSWORD, "123456"), 401, "FT-3001");

        // The VERIFY attempt counter of the subject: failures go on until the policy refuses the subject, then
        // even the right credentials are refused; another subject is not affected.
        LifecycleApi.Answer refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            LifecycleApi.Answer a = check(uid, verifier, "guess number " + i, "000000");
            if (a.status() != 200) {
                refused = a;
            }
        }
        assertNotNull(refused, "the VERIFY attempt counters refused further attempts");
        // The recognition policy's delay or block (FT-5101 / FT-5102, 429 with Retry-After): the same counters as
        // face verification, so a subject cannot switch paths to get more guesses.
        assertEquals(429, refused.status(), refused.toString());
        assertTrue(List.of("FT-5101", "FT-5102").contains(refused.code()), refused.toString());
    }

    // ---------------------------------------------------------------- face consent withdrawn

    @Test
    @Order(3)
    void withdrawingFaceConsentShredsTheFaceDataAndKeepsTheSubject() throws Exception {
        java.util.Map<String, String> versions = api.noticeVersions();
        LifecycleApi.Answer created = api.postJson("/subjects", operator, "{\"consents\":["
                + "{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\"" + versions.get("PRIVACY_POLICY") + "\"},"
                + "{\"purpose\":\"FACE_VERIFICATION\",\"noticeVersion\":\"" + versions.get("FACE_VERIFICATION")
                + "\"}],\"channel\":\"counter\",\"name\":\"Grace Hopper\",\"contact\":\"grace@example.org\"}");
        assertEquals(201, created.status(), created.toString());
        String uid = created.json().getString("uid");
        assertEquals(204, setPassword(uid, PASSWORD).status());
        byte[] secret = OneTimeCodes.secret(api.post("/subjects/" + uid + "/second-factor", operator).json()
                .getString("secret"));
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id6/img13.jpg"))).status());
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        UUID oldKey = dataKeyOf(uid);
        String referenceId = referenceIds(pseudonym).get(0);
        byte[] backup = template(referenceId);
        TemplateBinding binding = new TemplateBinding(pseudonym, referenceId, ApplicationDomain.of("default"));
        assertEquals(512, keys.protector().open(ProtectedTemplate.decode(backup), binding).length);

        LifecycleApi.Answer withdrawn = api.postJson("/subjects/" + uid + "/consents/FACE_VERIFICATION/withdrawal",
                operator, "{\"channel\":\"mobile\"}");
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        assertEquals("ACTIVE", withdrawn.json().getString("status"), "the subject stays (non-face way in)");
        assertFalse(absent(withdrawn.json(), "faceDeletionDueAt"));
        assertTrue(absent(withdrawn.json(), "deletionDueAt"), "nothing else is scheduled");
        assertFailure(api.enrolJson(uid, operator, List.of(image("id6/img14.jpg"))), 409, "FT-4005");
        // Consent given again before the sweep: enrolment waits until the old face data is gone.
        assertEquals(200, api.postJson("/subjects/" + uid + "/consents", operator, "{\"purpose\":\"FACE_VERIFICATION\","
                + "\"noticeVersion\":\"" + versions.get("FACE_VERIFICATION") + "\",\"channel\":\"mobile\"}").status());
        assertFailure(api.enrolJson(uid, operator, List.of(image("id6/img14.jpg"))), 409, "FT-4604");

        AdjustableClock.advance(Duration.ofHours(1));
        maintenance.runNow();
        DeletionSweepReport swept = maintenance.lastDeletionSweep().orElseThrow();
        assertTrue(swept.faceDataShredded() >= 1, swept.toString());
        assertTrue(swept.failed().isEmpty(), swept.toString());

        // The old key is destroyed: the backup copy of the template is undecryptable; the rows are gone.
        assertFalse(keys.keyStore().dataKeyExists(oldKey), "the key of the templates is destroyed");
        FaceTrustException shredded = assertThrows(FaceTrustException.class,
                () -> keys.protector().open(ProtectedTemplate.decode(backup), binding));
        assertEquals(FailureCode.TEMPLATE_KEY_DESTROYED, shredded.failureCode());
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
        // The subject stays, with its other data moved to a fresh key: name, second factor and password work.
        UUID newKey = dataKeyOf(uid);
        assertNotEquals(oldKey, newKey);
        assertTrue(keys.keyStore().dataKeyExists(newKey));
        assertNull(columnText(uid, "retired_data_key_id"), "the retired key's destruction is confirmed");
        JsonObject subject = api.get("/subjects/" + uid, operator).json();
        assertEquals("ACTIVE", subject.getString("status"));
        assertEquals("Grace Hopper", subject.getString("name"));
        assertTrue(absent(subject, "faceDeletionDueAt"));
        long step = AdjustableClock.now().getEpochSecond() / 30;
        String change = "{\"password\":\"" + PASSWORD + "\",\"currentPassword\":\"" + PASSWORD
                + "\",\"oneTimeCode\":\"" + OneTimeCodes.code(secret, step) + "\"}";
        assertEquals(204, api.postJson("/subjects/" + uid + "/password", operator, change).status(),
                "password and TOTP secret still open under the fresh key");
        // Enrolment works again (consent was given again), under the new key.
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id6/img14.jpg"))).status());
        assertEquals(newKey, ProtectedTemplate.decode(templates(pseudonym).get(0)).dataKeyId());

        List<String> grounds = new ArrayList<>();
        for (JsonObject h : history(uid)) {
            grounds.add(h.getString("ground"));
        }
        assertEquals(List.of("REGISTERED", "FACE_CONSENT_WITHDRAWN", "FACE_DATA_DELETED"), grounds);
    }

    // ---------------------------------------------------------------- history and purpose met

    @Test
    @Order(4)
    void purposeMetSchedulesDeletionAndTheHistoryShowsEveryChange() throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        String app = api.internalAppToken();
        assertFailure(api.post("/subjects/" + uid + "/purpose-met", app), 403, "FT-3002");
        assertFailure(api.get("/subjects/" + uid + "/history", app), 403, "FT-3002");
        LifecycleApi.Answer met = api.post("/subjects/" + uid + "/purpose-met", operator);
        assertEquals(202, met.status(), met.toString());
        assertEquals("DELETION_PENDING", met.json().getString("status"));
        assertEquals("PURPOSE_MET", met.json().getString("deletionGround"));

        AdjustableClock.advance(Duration.ofMinutes(10));
        maintenance.runNow();
        assertEquals("DELETED", api.get("/subjects/" + uid, operator).json().getString("status"));

        List<JsonObject> history = history(uid);
        assertEquals(3, history.size(), history.toString());
        assertTrue(absent(history.get(0), "from"));
        assertEquals("ACTIVE", history.get(0).getString("to"));
        assertEquals("operator", history.get(0).getString("by"));
        assertEquals("ACTIVE", history.get(1).getString("from"));
        assertEquals("DELETION_PENDING", history.get(1).getString("to"));
        assertEquals("PURPOSE_MET", history.get(1).getString("ground"));
        assertEquals("operator", history.get(1).getString("by"));
        assertEquals("DELETION_PENDING", history.get(2).getString("from"));
        assertEquals("DELETED", history.get(2).getString("to"));
        assertEquals("system", history.get(2).getString("by"));
        assertFalse(Instant.parse(history.get(2).getString("at")).isBefore(Instant.parse(history.get(1)
                .getString("at"))));
        assertFailure(api.post("/subjects/" + uid + "/purpose-met", operator), 410, "FT-4008");
    }

    // ---------------------------------------------------------------- retention per data kind

    @Test
    @Order(5)
    void retentionPerDataKindWithTheClock() throws Exception {
        java.util.Map<String, String> versions = api.noticeVersions();
        LifecycleApi.Answer created = api.postJson("/subjects", operator, "{\"consents\":["
                + "{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\"" + versions.get("PRIVACY_POLICY") + "\"},"
                + "{\"purpose\":\"FACE_VERIFICATION\",\"noticeVersion\":\"" + versions.get("FACE_VERIFICATION") + "\"},"
                + "{\"purpose\":\"FACE_IDENTIFICATION\",\"noticeVersion\":\"" + versions.get("FACE_IDENTIFICATION")
                + "\"}],\"channel\":\"counter\",\"name\":\"Alan Turing\"}");
        String uid = created.json().getString("uid");
        assertEquals(201, api.enrolJson(uid, operator, List.of(image("id1/img26.jpg"))).status());
        assertEquals(200, api.postJson("/subjects/" + uid + "/consents/FACE_IDENTIFICATION/withdrawal", operator,
                "{\"channel\":\"web\"}").status());
        String closed = api.register(operator, "PRIVACY_POLICY");
        assertEquals(202, api.post("/subjects/" + closed + "/purpose-met", operator).status());
        maintenance.runNow();
        assertEquals("DELETED", api.get("/subjects/" + closed, operator).json().getString("status"));
        String pseudonym = keys.pseudonymizer().pseudonym(uid);

        // Day 21: the withdrawn identification consent is past its 20 days of evidence; the rest stays.
        AdjustableClock.advance(Duration.ofDays(21));
        maintenance.runNow();
        assertTrue(maintenance.lastDeletionSweep().orElseThrow().retention().consentRecords() >= 1);
        JsonArray consents = api.get("/subjects/" + uid, operator).json().getJsonArray("consents");
        assertEquals(2, consents.size(), consents.toString());
        assertEquals("Alan Turing", api.get("/subjects/" + uid, operator).json().getString("name"));

        // Day 31: personal data of a subject unused for 30 days is removed; the subject and its face stay.
        AdjustableClock.advance(Duration.ofDays(10));
        maintenance.runNow();
        JsonObject subject = api.get("/subjects/" + uid, operator).json();
        assertEquals("ACTIVE", subject.getString("status"));
        assertTrue(absent(subject, "name"), subject.toString());
        assertNull(column(uid, "personal_data"));
        assertEquals(1, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));

        // Day 46: the face reference is older than 45 days and goes.
        AdjustableClock.advance(Duration.ofDays(15));
        maintenance.runNow();
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?", pseudonym));
        assertEquals("DELETED", api.get("/subjects/" + closed, operator).json().getString("status"));

        // Day 51: the tombstone (deleted on day 0) and its history are past 50 days and go.
        AdjustableClock.advance(Duration.ofDays(5));
        maintenance.runNow();
        assertFailure(api.get("/subjects/" + closed, operator), 404, "FT-4003");
        assertEquals(0, count(identity(), "SELECT COUNT(*) FROM subject WHERE uid = ?", closed));
        assertEquals("ACTIVE", api.get("/subjects/" + uid, operator).json().getString("status"));
    }

    // ---------------------------------------------------------------- helpers

    private LifecycleApi.Answer setPassword(String uid, String password) {
        return api.postJson("/subjects/" + uid + "/password", operator, "{\"password\":\"" + password + "\"}");
    }

    private LifecycleApi.Answer check(String uid, String token, String password, String code) {
        return api.postJson("/subjects/" + uid + "/credential-verifications", token, "{\"password\":\"" + password
                + "\",\"oneTimeCode\":\"" + code + "\",\"channel\":\"web\"}");
    }

    private List<JsonObject> history(String uid) {
        LifecycleApi.Answer a = api.get("/subjects/" + uid + "/history", operator);
        assertEquals(200, a.status(), a.toString());
        try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(a.body()))) {
            return r.readArray().stream().map(jakarta.json.JsonValue::asJsonObject).toList();
        }
    }

    /** JSON-B leaves null fields out: absent or null. */
    private static boolean absent(JsonObject o, String key) {
        return !o.containsKey(key) || o.isNull(key);
    }

    private static void assertFailure(LifecycleApi.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(code, answer.code(), answer.toString());
    }

    private static byte[] image(String name) throws Exception {
        String dir = System.getProperty("facetrust.it.testdata.dir", "");
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir, "faces/deepface")),
                "test images not found (facetrust.testdata.dir = '" + dir + "')");
        return Files.readAllBytes(Path.of(dir, "faces/deepface", name));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static DataSource identity() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
    }

    static DataSource biometric() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/BiometricDS");
    }

    static long count(DataSource store, String sql, String parameter) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static byte[] column(String uid, String column) throws Exception {
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    private static String columnText(String uid, String column) throws Exception {
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private static UUID dataKeyOf(String uid) throws Exception {
        String id = columnText(uid, "data_key_id");
        assertNotNull(id, "the subject has a data key");
        return UUID.fromString(id);
    }

    static List<String> referenceIds(String pseudonym) throws Exception {
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

    static List<byte[]> templates(String pseudonym) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String id : referenceIds(pseudonym)) {
            out.add(template(id));
        }
        return out;
    }

    static byte[] template(String referenceId) throws Exception {
        try (Connection c = biometric().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT template FROM face_reference WHERE reference_id = ?")) {
            q.setString(1, referenceId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }
}
