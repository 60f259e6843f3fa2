package com.facetrust.application.protection;

import com.facetrust.application.enrolment.AdjustableClock;
import com.facetrust.application.enrolment.LifecycleClient;
import com.facetrust.application.maintenance.MaintenanceSchedule;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.crypto.FileTemplateKeyStore;
import com.facetrust.infrastructure.crypto.Pkcs12MasterKeyProvider;
import com.facetrust.platform.DeployedEar;
import com.facetrust.platform.InServerTokens;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * KEK rotation as an operation in the real server (D-8.2.5g, A-7.3, A-9.2f / D-6.5c, A-8.5, A-8.6): subjects enrolled
 * from real photos, a system administrator with a real OTP-backed Keycloak token starts the rotation over REST, the
 * test holds it after its first batch (new KEK current, old KEK still in the keystore) to enrol a subject, verify
 * another and try a second start (409 FT-4607); after DONE every wrapped key is under the new KEK (census: 0 under
 * the old), the old KEK's alias is gone from the master keystore, a copy of the key directory taken before the
 * rotation ("backup") no longer opens, all three subjects verify (MATCH), the audit log holds the start and the end,
 * operators and applications are refused (403), the maintenance timer rotates by itself once
 * {@code facetrust.protection.kek.rotate-every} has passed, and a rotation a stop left RUNNING after its first step
 * is continued by the next maintenance run with the same target.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, com.facetrust.application.enrolment.LifecycleTestSetup.class,
        SysadminTestSetup.class, KekRotationTestSetup.class})
class KekRotationIT {

    @Deployment
    static EnterpriseArchive deployment() {
        List<Class<?>> classes = new ArrayList<>(List.of(LifecycleClient.classes()));
        classes.add(KekRotationIT.class);
        EnterpriseArchive ear = DeployedEar.withTestClasses(classes.toArray(Class<?>[]::new));
        DeployedEar.addBeanLibrary(ear, "facetrust-kek-rotation-test.jar", AdjustableClock.class, KekRotationProbe.class);
        return ear;
    }

    @EJB
    TemplateProtectionService keys;

    @EJB
    MaintenanceSchedule maintenance;

    private final LifecycleClient api = new LifecycleClient();

    @AfterEach
    void cleanUp() {
        KekRotationProbe.release();
        AdjustableClock.reset();
    }

    @Test
    void kekRotationRewrapsEveryKeyWhileEnrolmentGoesOnAndRemovesTheOldKek() throws Exception {
        String operator = api.operatorToken();
        String app = api.internalAppToken();
        String sysadmin = InServerTokens.fetch(InServerTokens.sysadminGrant());
        int oldKek = keys.currentKekVersion();
        assertEquals(List.of(oldKek), keys.kekVersions(), "no rotation pending before the test");

        Map<String, String> verifyWith = new LinkedHashMap<>();
        verifyWith.put(enrol(operator, "id0/img1.jpg"), "id0/img2.jpg");
        verifyWith.put(enrol(operator, "id6/img13.jpg"), "id6/img14.jpg");
        // The "backup" of the key directory, taken before the rotation.
        Path keyDirectory = Path.of(config("facetrust.protection.key-directory",
                System.getProperty("jboss.server.data.dir") + "/facetrust-keys/template-keys"));
        Path backup = Files.createTempDirectory("kek-rotation-backup");
        copyTree(keyDirectory, backup);
        long before = keys.kekCensus().getOrDefault(oldKek, 0L);
        assertTrue(before >= 3, "two subjects' data keys and the domain key: " + keys.kekCensus());

        // Roles: operators and applications may neither start nor read rotations.
        assertEquals(403, api.postJson("/protection/kek-rotations", operator, "{}").status());
        assertEquals(403, api.postJson("/protection/kek-rotations", app, "{}").status());
        assertEquals(403, api.get("/protection/kek-rotations", operator).status());

        KekRotationProbe.arm();
        LifecycleClient.Reply started = api.postJson("/protection/kek-rotations", sysadmin, "{}");
        assertEquals(202, started.status(), started.body());
        JsonObject run = json(started.body());
        int id = run.getInt("id");
        assertEquals("MANUAL", run.getString("trigger"));
        assertEquals(InServerTokens.sysadminUser(), run.getString("startedBy"));
        assertEquals(oldKek + 1, run.getInt("targetVersion"));
        assertTrue(run.getInt("total") >= before, run.toString());

        // Held after the first batch: the new KEK wraps every new key, the old one still opens the rest.
        assertTrue(KekRotationProbe.awaitHeld(60), "the rotation reached its first batch");
        assertEquals(List.of(oldKek, oldKek + 1), keys.kekVersions());
        SortedMap<Integer, Long> midway = keys.kekCensus();
        assertTrue(midway.getOrDefault(oldKek, 0L) > 0, "held before all keys were re-wrapped: " + midway);
        LifecycleClient.Reply second = api.postJson("/protection/kek-rotations", sysadmin, "{}");
        assertEquals(409, second.status(), second.body());
        assertEquals("FT-4607", second.code());
        String duringRotation = enrol(operator, "id2/img8.jpg");
        verifyWith.put(duringRotation, "id2/img9.jpg");
        SortedMap<Integer, Long> afterEnrolment = keys.kekCensus();
        assertEquals(midway.getOrDefault(oldKek + 1, 0L) + 1, afterEnrolment.get(oldKek + 1),
                "the new subject's data key is wrapped under the new KEK: " + afterEnrolment);
        String first = verifyWith.keySet().iterator().next();
        assertMatch(app, first, verifyWith.get(first)); // reads work with both KEK versions
        KekRotationProbe.release();

        JsonObject done = awaitDone(id, sysadmin);
        assertEquals("DONE", done.getString("state"), done.toString());
        assertEquals(String.valueOf(oldKek), done.getString("retiredVersions"), done.toString());
        assertEquals(0, done.getInt("integrityFailures"), done.toString());
        assertTrue(done.getInt("rewrapped") >= before, done.toString());

        // Nothing is left under the old KEK, and the old KEK is gone from the keystore file.
        SortedMap<Integer, Long> census = keys.kekCensus();
        assertEquals(0L, census.getOrDefault(oldKek, 0L), census.toString());
        assertEquals(List.of(oldKek + 1), List.copyOf(census.keySet()), census.toString());
        assertEquals(List.of(oldKek + 1), keys.kekVersions());
        List<String> aliases = keystoreAliases();
        assertFalse(aliases.contains(Pkcs12MasterKeyProvider.KEK_ALIAS_PREFIX + oldKek), aliases.toString());
        assertTrue(aliases.contains(Pkcs12MasterKeyProvider.KEK_ALIAS_PREFIX + (oldKek + 1)), aliases.toString());

        // Every subject verifies, the one enrolled during the rotation included.
        for (Map.Entry<String, String> e : verifyWith.entrySet()) {
            assertMatch(app, e.getKey(), e.getValue());
        }
        // The backup of the key directory no longer opens: its KEK was removed (D-8.2.5g).
        FileTemplateKeyStore restored = new FileTemplateKeyStore(backup, Pkcs12MasterKeyProvider.open(
                new Pkcs12MasterKeyProvider.Config(keystorePath(), keystorePassword())));
        int checked = 0;
        try (var files = Files.newDirectoryStream(backup.resolve("data-keys"), "*.key")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                UUID dataKey = UUID.fromString(name.substring(0, name.length() - 4));
                FaceTrustException gone = assertThrows(FaceTrustException.class, () -> restored.dataKey(dataKey));
                assertEquals(FailureCode.TEMPLATE_KEY_DESTROYED, gone.failureCode());
                checked++;
            }
        }
        assertTrue(checked >= 2, "backed-up data keys checked: " + checked);

        // Audited: the start and the end of the run, under the run's transaction id.
        assertEquals(List.of("KEK_ROTATION_START OK", "KEK_ROTATION OK"), auditEntries("kek-rotation-" + id));
        LifecycleClient.Reply listed = api.get("/protection/kek-rotations", sysadmin);
        assertEquals(200, listed.status());
        assertTrue(listed.body().contains("\"id\":" + id), listed.body());
        assertEquals(404, api.get("/protection/kek-rotations/999999", sysadmin).status());

        // The timer: once the KEK is older than facetrust.protection.kek.rotate-every (PT1H here), the maintenance
        // job rotates by itself.
        AdjustableClock.advance(Duration.ofHours(2));
        maintenance.runNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!keys.kekVersions().equals(List.of(oldKek + 2)) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(List.of(oldKek + 2), keys.kekVersions(), "the timer rotated the KEK again");
        JsonObject latest;
        try (JsonReader r = Json.createReader(new StringReader(api.get("/protection/kek-rotations", sysadmin)
                .body()))) {
            latest = r.readArray().getJsonObject(0);
        }
        assertEquals("TIMER", latest.getString("trigger"), latest.toString());
        assertEquals("system", latest.getString("startedBy"));
        latest = awaitDone(latest.getInt("id"), sysadmin);
        assertEquals("DONE", latest.getString("state"), latest.toString());
        assertEquals(List.of(oldKek + 2), List.copyOf(keys.kekCensus().keySet()));
        assertMatch(app, duringRotation, verifyWith.get(duringRotation));

        // Crash-safe: a stop right after step 1 (new KEK in the keystore and current, run recorded RUNNING, nothing
        // re-wrapped yet) is continued by the next maintenance run with the same target; nothing else is added.
        int pending = keys.kekRotation().begin();
        assertEquals(oldKek + 3, pending);
        long crashed = insertRunningRun(pending);
        maintenance.runNow();
        JsonObject resumed = awaitDone((int) crashed, sysadmin);
        assertEquals("DONE", resumed.getString("state"), resumed.toString());
        assertEquals(String.valueOf(oldKek + 2), resumed.getString("retiredVersions"), resumed.toString());
        assertEquals(List.of(pending), keys.kekVersions());
        assertEquals(List.of(pending), List.copyOf(keys.kekCensus().keySet()));
        for (Map.Entry<String, String> e : verifyWith.entrySet()) {
            assertMatch(app, e.getKey(), e.getValue());
        }
    }

    /** The row a server stopped during a rotation leaves behind (id far above the sequence's). */
    private static long insertRunningRun(int target) throws Exception {
        long id = 900_000 + (System.nanoTime() & 0xffff);
        DataSource identity = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = identity.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO kek_rotation_run (id, target_version, "
                     + "state, run_trigger, started_by, started_at, total, processed, rewrapped, already_current, "
                     + "vanished, integrity_failures, version) VALUES (?, ?, 'RUNNING', 'MANUAL', 'it', ?, 0, 0, 0, "
                     + "0, 0, 0, 0)")) {
            insert.setLong(1, id);
            insert.setInt(2, target);
            insert.setObject(3, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            assertEquals(1, insert.executeUpdate());
        }
        return id;
    }

    private String enrol(String operator, String image) throws Exception {
        String uid = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
        LifecycleClient.Reply enrolled = api.enrolJson(uid, operator, List.of(image(image)));
        assertEquals(201, enrolled.status(), enrolled.body());
        return uid;
    }

    private void assertMatch(String app, String uid, String image) throws Exception {
        LifecycleClient.Reply answer = api.postJson("/verifications", app, "{\"uid\":\"" + uid
                + "\",\"channel\":\"counter\",\"image\":\"" + Base64.getEncoder().encodeToString(image(image))
                + "\"}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("MATCH", json(answer.body()).getString("decision"), answer.body());
    }

    private JsonObject awaitDone(int id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonObject run;
        do {
            Thread.sleep(200);
            LifecycleClient.Reply r = api.get("/protection/kek-rotations/" + id, token);
            assertEquals(200, r.status(), r.body());
            run = json(r.body());
        } while ("RUNNING".equals(run.getString("state")) && System.nanoTime() < deadline);
        return run;
    }

    private static List<String> auditEntries(String transactionId) throws Exception {
        List<String> out = new ArrayList<>();
        DataSource identity = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = identity.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT action, outcome FROM audit_entry "
                     + "WHERE transaction_id = ? ORDER BY seq")) {
            q.setString(1, transactionId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String config(String key, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(fallback);
    }

    private static Path keystorePath() {
        return Path.of(config("facetrust.protection.master-keystore.path",
                System.getProperty("jboss.server.data.dir") + "/facetrust-keys/master.p12"));
    }

    private static char[] keystorePassword() {
        return ConfigProvider.getConfig().getValue("facetrust.protection.master-keystore.password", String.class)
                .toCharArray();
    }

    private static List<String> keystoreAliases() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystorePath())) {
            store.load(in, keystorePassword());
        }
        List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
        Collections.sort(aliases);
        return aliases;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.getFileName().toString().endsWith(".key")) {
                    Files.copy(p, target);
                }
            }
        }
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
}
