package com.facetrust.application.protection;

import com.facetrust.application.enrolment.AdjustableClock;
import com.facetrust.application.maintenance.MaintenanceSchedule;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.platform.DeployedEar;
import com.facetrust.platform.InServerApi;
import com.facetrust.platform.InServerApi.Answer;
import com.facetrust.platform.InServerTokens;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Key rotation as an operation (issue 4 "Renewable", A-7.2b, D-3.6) in the real server: a system administrator with
 * a real OTP-backed Keycloak token starts it over REST, the progress is followed to DONE, every template is re-issued
 * under the new domain-key version and still opens, the old version is destroyed so copies of the old templates (a
 * "backup") are undecryptable, the {@link DomainKeyRotated} event arrived while the old key still existed, and the
 * maintenance timer starts the next rotation by itself once the key is older than the configured period.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, com.facetrust.application.enrolment.LifecycleTestSetup.class,
        SysadminTestSetup.class})
class DomainKeyRotationIT {
    private static final ApplicationDomain DOMAIN = ApplicationDomain.of("default");

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = DeployedEar.withTestClasses(DomainKeyRotationIT.class);
        DeployedEar.addBeanLibrary(ear, "facetrust-rotation-test.jar", AdjustableClock.class, RotationEventProbe.class, RotationEventProbe.Seen.class);
        return ear;
    }

    @EJB
    TemplateProtectionService keys;

    @EJB
    MaintenanceSchedule maintenance;

    private final InServerApi api = new InServerApi();

    @AfterEach
    void resetClock() {
        AdjustableClock.reset();
    }

    @Test
    void rotationReissuesEveryTemplateAndDestroysTheOldKey() throws Exception {
        String operator = api.passwordToken("operator", System.getProperty("facetrust.it.operator-password"));
        String sysadmin = sysadminToken();
        int oldVersion = keys.keyStore().currentDomainKeyVersion(DOMAIN);

        List<String> uids = new ArrayList<>();
        for (String image : List.of("id0/img1.jpg", "id6/img13.jpg")) {
            String uid = register(operator);
            String images = "{\"images\":[\"" + java.util.Base64.getEncoder().encodeToString(image(image)) + "\"]}";
            assertEquals(201, send("POST", "/subjects/" + uid + "/references", operator, images).status());
            uids.add(uid);
        }
        Map<String, byte[]> backup = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (String uid : uids) {
            String pseudonym = keys.pseudonymizer().pseudonym(uid);
            for (String[] row : rows(pseudonym)) {
                backup.put(row[0], template(row[0]));
                owner.put(row[0], pseudonym);
                assertEquals(String.valueOf(oldVersion), row[1]);
            }
        }
        assertEquals(2, backup.size());

        // Roles: operators and applications may not rotate keys.
        assertEquals(403, send("POST", "/protection/rotations", operator, null).status());

        Answer started = send("POST", "/protection/rotations", sysadmin, null);
        assertEquals(202, started.status(), started.body());
        JsonObject run = json(started.body());
        assertEquals("MANUAL", run.getString("trigger"));
        assertEquals(InServerTokens.sysadminUser(), run.getString("startedBy"));
        assertEquals(oldVersion + 1, run.getInt("targetVersion"));
        JsonObject done = awaitDone(run.getInt("id"), sysadmin);
        assertEquals("DONE", done.getString("state"), done.toString());
        assertTrue(done.getInt("reissued") >= 2, done.toString());
        assertEquals(0, done.getInt("integrityFailures"), done.toString());
        assertEquals(done.getInt("total"), done.getInt("processed"), done.toString());
        assertEquals(String.valueOf(oldVersion), done.getString("destroyedVersions"));

        // Only the new version is left; every row is re-issued under it and still opens.
        assertEquals(java.util.List.of(oldVersion + 1), List.copyOf(keys.keyStore().domainKeyVersions(DOMAIN)));
        for (Map.Entry<String, byte[]> e : backup.entrySet()) {
            TemplateBinding binding = new TemplateBinding(owner.get(e.getKey()), e.getKey(), DOMAIN);
            byte[] now = template(e.getKey());
            assertEquals(oldVersion + 1, ProtectedTemplate.decode(now).domainKeyVersion());
            assertEquals(512, keys.protector().open(ProtectedTemplate.decode(now), binding).length);
            // The old copy ("backup") is revoked: its key version is destroyed.
            FaceTrustException revoked = assertThrows(FaceTrustException.class,
                    () -> keys.protector().open(ProtectedTemplate.decode(e.getValue()), binding));
            assertEquals(FailureCode.TEMPLATE_KEY_DESTROYED, revoked.failureCode());
        }
        for (String uid : uids) {
            assertEquals(200, send("POST", "/subjects/" + uid + "/references/integrity-check", operator, null)
                    .status());
        }
        // The gallery's event came after the re-issue and while the old version still existed.
        RotationEventProbe.Seen seen = RotationEventProbe.SEEN.get(RotationEventProbe.SEEN.size() - 1);
        assertEquals(oldVersion + 1, seen.event().newVersion());
        assertEquals(List.of(oldVersion), List.copyOf(seen.event().retiringVersions()));
        assertTrue(seen.liveVersions().contains(oldVersion), "observers run before the old key is destroyed");
        // Progress is listed for sysadmins (and auditors), not for operators.
        Answer listed = send("GET", "/protection/rotations", sysadmin, null);
        assertEquals(200, listed.status());
        assertTrue(listed.body().contains("\"id\":" + run.getInt("id")), listed.body());
        assertEquals(403, send("GET", "/protection/rotations", operator, null).status());
        assertEquals(404, send("GET", "/protection/rotations/999999", sysadmin, null).status());

        // The timer: once the key is older than facetrust.protection.domain-key.rotate-every (P365D), the daily
        // maintenance job starts the next rotation by itself.
        AdjustableClock.advance(Duration.ofDays(366));
        maintenance.runNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (keys.keyStore().domainKeyVersions(DOMAIN).contains(oldVersion + 1) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        SortedSet<Integer> live = keys.keyStore().domainKeyVersions(DOMAIN);
        assertEquals(List.of(oldVersion + 2), List.copyOf(live), "the timer rotated again");
        JsonObject latest;
        try (JsonReader r = Json.createReader(new StringReader(send("GET", "/protection/rotations", sysadmin, null)
                .body()))) {
            latest = r.readArray().getJsonObject(0);
        }
        assertEquals("TIMER", latest.getString("trigger"), latest.toString());
        assertEquals("system", latest.getString("startedBy"));
    }

    private JsonObject awaitDone(int id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonObject run;
        do {
            Thread.sleep(200);
            Answer r = send("GET", "/protection/rotations/" + id, token, null);
            assertEquals(200, r.status(), r.body());
            run = json(r.body());
        } while ("RUNNING".equals(run.getString("state")) && System.nanoTime() < deadline);
        return run;
    }

    private String register(String operator) {
        return api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
    }

    private String sysadminToken() throws Exception {
        return InServerTokens.fetch(InServerTokens.sysadminGrant());
    }

    private Answer send(String method, String path, String token, String json) {
        return api.call(method, path, token, json, Map.of());
    }

    private static JsonObject json(String body) {
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    private static byte[] image(String name) throws Exception {
        String dir = System.getProperty("facetrust.it.testdata.dir", "");
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir, "faces/deepface")), "test images not found");
        return Files.readAllBytes(Path.of(dir, "faces/deepface", name));
    }

    private static DataSource biometric() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/BiometricDS");
    }

    private static List<String[]> rows(String pseudonym) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = biometric().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT reference_id, key_version FROM face_reference "
                     + "WHERE pseudonym = ?")) {
            q.setString(1, pseudonym);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
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
}
