package com.facetrust.application.imports;

import com.facetrust.application.enrolment.LifecycleTestSetup;
import com.facetrust.application.protection.SysadminTestSetup;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.platform.DeployedEar;
import com.facetrust.platform.InServerApi;
import com.facetrust.platform.InServerApi.Answer;
import com.facetrust.platform.InServerTokens;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Batch import (A-5.6.3, D-6.2e) in the real server with real tokens and real photos: a system administrator
 * registers sources with their EC P-256 keys; an operator imports a signed archive whose good records become
 * subjects with consent evidence and face references while each bad record is refused with its own code (missing
 * evidence, image not matching its signed digest, face image without face consent, data kind not allowed); a
 * tampered manifest, an unknown source, a zip bomb and a non-ZIP are refused as a whole with nothing written.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, SysadminTestSetup.class})
class BatchImportIT {
    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(BatchImportIT.class);
    }

    @EJB
    TemplateProtectionService keys;

    private final InServerApi api = new InServerApi();

    @Test
    void signedImportWithGoodAndBadRecords() throws Exception {
        String operator = api.passwordToken("operator", System.getProperty("facetrust.it.operator-password"));
        String sysadmin = sysadminToken();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair hr = generator.generateKeyPair();
        KeyPair badge = generator.generateKeyPair();
        String hrKey = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(hr.getPublic()
                .getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        // The registry: sysadmin only; keys checked; names unique.
        String hrSource = "{\"name\":\"hr-system\",\"publicKey\":" + Json.createValue(hrKey)
                + ",\"dataKinds\":[\"PERSONAL_DATA\",\"FACE_IMAGES\"]}";
        assertFailure(send("POST", "/import-sources", operator, "application/json", hrSource.getBytes()), 403,
                "FT-3002");
        assertEquals(201, send("POST", "/import-sources", sysadmin, "application/json", hrSource.getBytes())
                .status());
        assertFailure(send("POST", "/import-sources", sysadmin, "application/json", hrSource.getBytes()), 409,
                "FT-4707");
        assertFailure(send("POST", "/import-sources", sysadmin, "application/json",
                "{\"name\":\"weak\",\"publicKey\":\"AAAA\",\"dataKinds\":[]}".getBytes()), 422, "FT-4706");
        assertEquals(201, send("POST", "/import-sources", sysadmin, "application/json", ("{\"name\":\"badge-office\","
                + "\"publicKey\":\"" + Base64.getEncoder().encodeToString(badge.getPublic().getEncoded())
                + "\",\"dataKinds\":[]}").getBytes()).status());

        Map<String, String> v = api.noticeVersions();
        String given = Instant.now().minus(Duration.ofDays(2)).toString();
        byte[] face = image("id0/img1.jpg");
        byte[] other = image("id6/img13.jpg");
        String privacy = consent("PRIVACY_POLICY", v, given, "paper form 2026/1");
        String faceConsent = consent("FACE_VERIFICATION", v, given, "paper form 2026/1");
        String manifest = "{\"source\":\"hr-system\",\"records\":["
                + "{\"id\":\"r1\",\"subject\":{\"name\":\"Ada Import\"},\"consents\":[" + privacy + "," + faceConsent
                + "],\"images\":[" + image("r1.jpg", face) + "]},"
                + "{\"id\":\"r2\",\"consents\":[{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\""
                + v.get("PRIVACY_POLICY") + "\",\"givenAt\":\"" + given + "\",\"channel\":\"counter\"}]},"
                + "{\"id\":\"r3\",\"consents\":[" + privacy + "," + faceConsent + "],\"images\":[{\"file\":\"r3.jpg\","
                + "\"sha256\":\"" + "00".repeat(32) + "\"}]},"
                + "{\"id\":\"r4\",\"consents\":[" + privacy + "]},"
                + "{\"id\":\"r5\",\"consents\":[" + privacy + "],\"images\":[" + image("r5.jpg", other) + "]}]}";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        files.put("manifest.sig", sign(hr.getPrivate(), manifest));
        files.put("r1.jpg", face);
        files.put("r3.jpg", other);
        files.put("r5.jpg", other);
        long subjectsBefore = count("SELECT COUNT(*) FROM subject");

        Answer started = send("POST", "/imports", operator, "application/zip", zip(files));
        assertEquals(202, started.status(), started.body());
        String id = json(started.body()).getString("id");
        JsonObject job = awaitDone(id, operator);
        assertEquals("DONE", job.getString("state"), job.toString());
        assertEquals(5, job.getInt("total"));
        assertEquals(5, job.getInt("processed"));
        assertEquals(2, job.getInt("succeeded"), job.toString());
        assertEquals(3, job.getInt("failed"), job.toString());
        Map<String, JsonObject> outcomes = new HashMap<>();
        for (JsonValue r : job.getJsonArray("records")) {
            outcomes.put(r.asJsonObject().getString("recordId"), r.asJsonObject());
        }
        assertEquals("OK", outcomes.get("r1").getString("outcome"));
        assertEquals("FT-4704", outcomes.get("r2").getString("outcome"), "no consent evidence");
        assertTrue(outcomes.get("r2").getString("reasons").contains("evidence-missing"));
        assertEquals("FT-4702", outcomes.get("r3").getString("outcome"), "image does not match its signed digest");
        assertEquals("OK", outcomes.get("r4").getString("outcome"));
        assertEquals("FT-4004", outcomes.get("r5").getString("outcome"), "face image without face consent");
        assertEquals(subjectsBefore + 2, count("SELECT COUNT(*) FROM subject"), "bad records wrote nothing");

        // The imported subject: consents with their evidence, name encrypted, one protected face reference.
        String uid = outcomes.get("r1").getString("uid");
        JsonObject subject = json(send("GET", "/subjects/" + uid, operator, null, null).body());
        assertEquals("ACTIVE", subject.getString("status"));
        assertEquals("Ada Import", subject.getString("name"));
        JsonArray consents = subject.getJsonArray("consents");
        assertEquals(2, consents.size());
        assertEquals("paper form 2026/1", consents.getJsonObject(0).getString("evidence"));
        assertEquals(Instant.parse(given).getEpochSecond(),
                Instant.parse(consents.getJsonObject(0).getString("givenAt")).getEpochSecond(),
                "the consent keeps the time the evidence gives, not the import's");
        Answer refs = send("GET", "/subjects/" + uid + "/references", operator, null, null);
        try (JsonReader r = Json.createReader(new StringReader(refs.body()))) {
            assertEquals(1, r.readArray().size(), refs.body());
        }
        assertEquals(200, send("POST", "/subjects/" + uid + "/references/integrity-check", operator, null, null)
                .status());

        // Data kind not allowed for the source: that record alone is refused.
        String badgeManifest = "{\"source\":\"badge-office\",\"records\":[{\"id\":\"b1\",\"subject\":{\"name\":"
                + "\"Not Allowed\"},\"consents\":[" + privacy + "]},{\"id\":\"b2\",\"consents\":[" + privacy + "]}]}";
        Map<String, byte[]> badgeFiles = new LinkedHashMap<>();
        badgeFiles.put("manifest.json", badgeManifest.getBytes(StandardCharsets.UTF_8));
        badgeFiles.put("manifest.sig", Base64.getEncoder().encode(sign(badge.getPrivate(), badgeManifest)));
        Answer badgeStarted = send("POST", "/imports", operator, "application/zip", zip(badgeFiles));
        assertEquals(202, badgeStarted.status(), badgeStarted.body());
        JsonObject badgeJob = awaitDone(json(badgeStarted.body()).getString("id"), operator);
        assertEquals(1, badgeJob.getInt("succeeded"), badgeJob.toString());
        assertEquals("FT-4705", badgeJob.getJsonArray("records").getJsonObject(0).getString("outcome"));

        // Whole-import refusals, nothing written: tampered manifest, unknown source, zip bomb, not a ZIP.
        long jobsBefore = count("SELECT COUNT(*) FROM import_job");
        long subjectsNow = count("SELECT COUNT(*) FROM subject");
        Map<String, byte[]> tampered = new LinkedHashMap<>(files);
        tampered.put("manifest.json", manifest.replace("Ada Import", "Eve Import").getBytes(StandardCharsets.UTF_8));
        assertFailure(send("POST", "/imports", operator, "application/zip", zip(tampered)), 422, "FT-4702");
        Map<String, byte[]> stranger = new LinkedHashMap<>();
        String strangerManifest = manifest.replace("\"hr-system\"", "\"nobody\"");
        stranger.put("manifest.json", strangerManifest.getBytes(StandardCharsets.UTF_8));
        stranger.put("manifest.sig", sign(hr.getPrivate(), strangerManifest));
        assertFailure(send("POST", "/imports", operator, "application/zip", zip(stranger)), 403, "FT-4701");
        Map<String, byte[]> bomb = new LinkedHashMap<>(files);
        bomb.put("zeros.bin", new byte[20 * 1024 * 1024]); // deflates to ~20 KB: a 1000:1 expansion
        byte[] bombZip = zip(bomb);
        assertTrue(bombZip.length < 1024 * 1024, "the bomb is small on the wire: " + bombZip.length);
        assertFailure(send("POST", "/imports", operator, "application/zip", bombZip), 413, "FT-4703");
        assertFailure(send("POST", "/imports", operator, "application/zip", "not a zip".getBytes()), 413, "FT-4703");
        assertEquals(jobsBefore, count("SELECT COUNT(*) FROM import_job"));
        assertEquals(subjectsNow, count("SELECT COUNT(*) FROM subject"));
        // Unknown job.
        assertEquals(404, send("GET", "/imports/nope", operator, null, null).status());
    }

    private static String consent(String purpose, Map<String, String> versions, String givenAt, String evidence) {
        return "{\"purpose\":\"" + purpose + "\",\"noticeVersion\":\"" + versions.get(purpose) + "\",\"givenAt\":\""
                + givenAt + "\",\"channel\":\"counter\",\"evidence\":\"" + evidence + "\"}";
    }

    private static String image(String file, byte[] bytes) throws Exception {
        return "{\"file\":\"" + file + "\",\"sha256\":\"" + HexFormat.of().formatHex(MessageDigest
                .getInstance("SHA-256").digest(bytes)) + "\"}";
    }

    private static byte[] sign(PrivateKey key, String manifest) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(manifest.getBytes(StandardCharsets.UTF_8));
        return s.sign();
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private JsonObject awaitDone(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonObject job;
        do {
            Thread.sleep(300);
            Answer r = send("GET", "/imports/" + id, token, null, null);
            assertEquals(200, r.status(), r.body());
            job = json(r.body());
        } while ("RUNNING".equals(job.getString("state")) && System.nanoTime() < deadline);
        return job;
    }

    private static void assertFailure(Answer r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, json(r.body()).getString("code"), r.body());
    }

    private static long count(String sql) throws Exception {
        DataSource ds = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(sql);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String sysadminToken() throws Exception {
        return InServerTokens.fetch(InServerTokens.sysadminGrant());
    }

    private Answer send(String method, String path, String token, String type, byte[] body) {
        return api.callRaw(method, path, token, type, body);
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
