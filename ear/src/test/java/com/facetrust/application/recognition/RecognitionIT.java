package com.facetrust.application.recognition;

import com.facetrust.infrastructure.signing.CompactJws;
import com.facetrust.platform.DecisionKeys;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import com.facetrust.security.KeycloakTestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recognition service end to end (issue 5): the EAR as built on the provisioned WildFly, real Keycloak tokens
 * (operator and auditor by password, the internal application by client credentials, a sysadmin with OTP), real
 * models on real photos of ../shared/testdata (deepface id8 enrolled — a person no other system test uses — id9 and
 * id10 as impostors), real H2 XA stores. Runs as a client over loopback HTTP.
 *
 * <p>Requirements: A-5.7.1 (verify), A-5.7.2 (identify, UID only to allowed roles), A-5.7.4 a/c (signed decision,
 * no score), A-5.7.5.2/3 (coded failures; unknown subject = NO_MATCH + WARNING), D-5.3.2, D-6.6 f + C-6.1.2 (ID
 * photo), D-8.1.4 c/d (step-up with the second factor), D-8.2.3 d (roles), A-6.7/D-7.2 (the benchmark).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup({KeycloakServerSetup.class, RecognitionTestSetup.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecognitionIT {
    private static final int OFFSET = Integer.getInteger("facetrust.test.port.offset", 10000);
    private static final String API = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust/api/v1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String IT_SYSADMIN = "it-recognition-sysadmin";
    private static final String IT_PASSWORD = "It-Rec-" + Long.toHexString(System.nanoTime()) + "!9a";
    /** Every answer body this test received, successes and failures, for the no-score check. */
    private static final List<String> BODIES = new CopyOnWriteArrayList<>();

    private static KeycloakTestServer keycloak;
    private static String operator;
    private static String auditor;
    private static String app;
    private static String sysadmin;
    /** deepface id8, enrolled with img34 + img35, consents for verification and identification. */
    private static String enrolled;
    /** Transaction ids of answers about the enrolled subject, for the audit check. */
    private static final List<String> TRANSACTIONS = new CopyOnWriteArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return DeployedEar.asBuilt();
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }

        String code() {
            return json().getString("code", null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    @BeforeAll
    static void tokensAndEnrolledSubject() throws Exception {
        assumeTrue(Files.isDirectory(testdata()), "../shared/testdata is absent: " + testdata());
        keycloak = KeycloakTestServer.get();
        operator = keycloak.passwordToken("operator", keycloak.secret("FACETRUST_OPERATOR_PASSWORD"));
        auditor = keycloak.passwordToken("auditor", keycloak.secret("FACETRUST_AUDITOR_PASSWORD"));
        app = appToken();
        keycloak.ensureUser(IT_SYSADMIN, IT_PASSWORD, List.of("sysadmin"), true);
        sysadmin = keycloak.passwordToken(IT_SYSADMIN, IT_PASSWORD, true);
        enrolled = register("PRIVACY_POLICY", "FACE_VERIFICATION", "FACE_IDENTIFICATION");
        Answer enrol = postJson("/subjects/" + enrolled + "/references", operator, "{\"images\":[\""
                + b64(face("id8/img34.jpg")) + "\",\"" + b64(face("id8/img35.jpg")) + "\"]}");
        assertEquals(201, enrol.status(), enrol.toString());
    }

    private static String appToken() {
        return keycloak.clientCredentialsToken("facetrust-internal-app",
                keycloak.secret("FACETRUST_INTERNAL_APP_SECRET"));
    }

    // ---------------------------------------------------------------------------------------------- verify 1:1

    @Test
    @Order(1)
    void genuineMatchesImpostorDoesNotAsJsonAndAsMultipart() throws Exception {
        Answer genuine = verify(app, enrolled, "counter", face("id8/img36.jpg"));
        assertDecision(genuine, "VERIFY", "MATCH", "FT-5000", "counter");
        TRANSACTIONS.add(genuine.json().getString("transactionId"));
        assertFalse(genuine.json().containsKey("uid"), "verification never echoes a UID");

        Answer multipart = multipart("/verifications", app, Map.of("uid", enrolled, "channel", "counter"),
                Map.of("image", face("id8/img37.jpg")));
        assertDecision(multipart, "VERIFY", "MATCH", "FT-5000", "counter");

        Answer impostor = verify(app, enrolled, "counter", face("id9/img18.jpg"));
        assertDecision(impostor, "VERIFY", "NO_MATCH", "FT-5001", "counter");
        TRANSACTIONS.add(impostor.json().getString("transactionId"));
        Answer impostorMultipart = multipart("/verifications", operator, Map.of("uid", enrolled, "channel",
                "counter"), Map.of("image", face("id10/img20.jpg")));
        assertDecision(impostorMultipart, "VERIFY", "NO_MATCH", "FT-5001", "counter");

        // Quality and image failures keep their codes (FT-2xxx / FT-1xxx), names of failed checks only.
        Answer blank = verify(app, enrolled, "counter", read(testdata().resolve("faces/scenes/noface/white.png")));
        assertFailure(blank, 422, "FT-2001");
        Answer garbage = verify(app, enrolled, "counter", "not an image".getBytes(StandardCharsets.UTF_8));
        assertFailure(garbage, 415, "FT-1003");
        assertFailure(postJson("/verifications", app, "{\"uid\":\"" + enrolled + "\",\"channel\":\"counter\"}"),
                400, "FT-1000");
        assertFailure(postJson("/verifications", app, "{\"uid\":\"" + enrolled + "\"}"), 400, "FT-3003");
        assertFailure(postJson("/verifications", app, "{\"uid\":"), 400, "FT-3003");
    }

    @Test
    @Order(2)
    void unknownOrUnavailableSubjectIsAnsweredExactlyLikeANonMatchAndOperatorsAreWarned() throws Exception {
        Answer impostor = verify(app, enrolled, "counter", face("id9/img19.jpg"));
        assertDecision(impostor, "VERIFY", "NO_MATCH", "FT-5001", "counter");

        String unknownUid = UUID.randomUUID().toString().replace("-", "");
        Answer unknown = verify(app, unknownUid, "counter", face("id8/img36.jpg"));
        String noFaceConsent = register("PRIVACY_POLICY");
        Answer noConsent = verify(app, noFaceConsent, "counter", face("id8/img36.jpg"));
        Answer malformed = verify(app, "not-a-uid", "counter", face("id8/img36.jpg"));
        for (Answer a : List.of(unknown, noConsent, malformed)) {
            assertDecision(a, "VERIFY", "NO_MATCH", "FT-5001", "counter");
            assertEquals(impostor.json().keySet(), a.json().keySet(), "same body shape as a non-match: " + a);
            assertEquals(impostor.headers().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                            .filter(h -> !h.equals("date") && !h.equals("content-length")).collect(Collectors.toSet()),
                    a.headers().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                            .filter(h -> !h.equals("date") && !h.equals("content-length")).collect(Collectors.toSet()),
                    "same headers");
        }
        // A blank image with an unknown UID fails like with a known one: no oracle on who exists.
        assertFailure(verify(app, unknownUid, "counter", read(testdata().resolve("faces/scenes/noface/white.png"))),
                422, "FT-2001");

        // The operators' side: WARNING events FT-5004, stored and listed.
        Answer events = get("/events?level=WARNING&size=200", operator);
        assertEquals(200, events.status(), events.toString());
        long warnings = Pattern.compile("FT-5004").matcher(events.body()).results().count();
        assertTrue(warnings >= 3, "three FT-5004 warnings stored: " + events.body());
    }

    // ---------------------------------------------------------------------------------------------- identify 1:N

    @Test
    @Order(3)
    void identificationFindsTheEnrolledSubjectAndShowsTheUidOnlyToAllowedRoles() throws Exception {
        String probe = "{\"channel\":\"counter\",\"image\":\"" + b64(face("id8/img36.jpg")) + "\"}";
        Answer byOperator = postJson("/identifications", operator, probe);
        assertDecision(byOperator, "IDENTIFY", "MATCH", "FT-5000", "counter");
        assertEquals(enrolled, byOperator.json().getString("uid"), "operator learns who it is");

        Answer byApp = postJson("/identifications", app, probe);
        assertDecision(byApp, "IDENTIFY", "MATCH", "FT-5000", "counter");
        assertFalse(byApp.json().containsKey("uid"), "client role identify without identify-uid: no UID " + byApp);
        assertFalse(byApp.body().contains(enrolled));
        assertFalse(byApp.json().getString("jws").contains(enrolled));

        Answer stranger = multipart("/identifications", app, Map.of("channel", "counter"),
                Map.of("image", face("id10/img21.jpg")));
        assertDecision(stranger, "IDENTIFY", "NO_MATCH", "FT-5002", "counter");

        assertFailure(postJson("/identifications", app, "{\"channel\":\"counter\",\"gallery\":\"Bad Name!\","
                + "\"image\":\"" + b64(face("id8/img36.jpg")) + "\"}"), 400, "FT-3003");
    }

    // ---------------------------------------------------------------------------------------------- ID photo

    @Test
    @Order(4)
    void idPhotoAgainstLiveFace() throws Exception {
        byte[] idPhoto = printedAndScanned(face("id8/img34.jpg"));
        Answer same = postJson("/id-photo-comparisons", app, "{\"channel\":\"counter\",\"idPhoto\":\"" + b64(idPhoto)
                + "\",\"image\":\"" + b64(face("id8/img37.jpg")) + "\"}");
        assertDecision(same, "ID_PHOTO", "MATCH", "FT-5000", "counter");

        Answer other = multipart("/id-photo-comparisons", operator, Map.of("channel", "counter"),
                Map.of("idPhoto", printedAndScanned(face("id9/img18.jpg")), "image", face("id8/img37.jpg")));
        assertDecision(other, "ID_PHOTO", "NO_MATCH", "FT-5001", "counter");

        assertFailure(postJson("/id-photo-comparisons", app, "{\"channel\":\"counter\",\"image\":\""
                + b64(face("id8/img37.jpg")) + "\"}"), 400, "FT-1000");
        assertFailure(postJson("/id-photo-comparisons", app, "{\"channel\":\"counter\",\"idPhoto\":\""
                + b64(read(testdata().resolve("faces/scenes/noface/white.png"))) + "\",\"image\":\""
                + b64(face("id8/img37.jpg")) + "\"}"), 422, "FT-2001");
    }

    // ---------------------------------------------------------------------------------------------- signatures

    @Test
    @Order(5)
    void signedDecisionVerifiesAgainstTheJwksAndATamperedOneDoesNot() throws Exception {
        Answer decision = verify(app, enrolled, "counter", face("id8/img36.jpg"));
        assertDecision(decision, "VERIFY", "MATCH", "FT-5000", "counter");
        String jws = decision.json().getString("jws");

        Answer jwks = get("/decisions/keys", auditor);
        assertEquals(200, jwks.status(), jwks.toString());
        Map<String, ECPublicKey> keys = keys(jwks.body());
        assertEquals(1, keys.size(), jwks.body());

        String payload = CompactJws.verify(jws, keys).orElseThrow(() -> new AssertionError("JWS does not verify"));
        JsonObject claims;
        try (JsonReader r = Json.createReader(new StringReader(payload))) {
            claims = r.readObject();
        }
        JsonObject body = decision.json();
        for (String field : List.of("transactionId", "operation", "decision", "code", "channel", "decidedAt")) {
            assertEquals(body.getString(field), claims.getString(field), field);
        }
        assertEquals("facetrust-internal-app", claims.getString("aud"), "audience = the calling client");
        assertEquals("facetrust", claims.getString("iss"));
        assertTrue(Math.abs(claims.getJsonNumber("iat").longValue() - Instant.now().getEpochSecond()) < 300);

        String[] parts = jws.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"MATCH\"", "\"NO_MATCH\"").getBytes(StandardCharsets.UTF_8));
        assertTrue(CompactJws.verify(parts[0] + "." + forged + "." + parts[2], keys).isEmpty(), "tampered payload");
        String otherTx = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(
                body.getString("transactionId"), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        assertTrue(CompactJws.verify(parts[0] + "." + otherTx + "." + parts[2], keys).isEmpty(), "moved to another tx");

        // Rotation (sysadmin only): the new key signs, the old one stays published, old decisions still verify.
        assertFailure(post("/decisions/keys/rotation", operator), 403, "FT-3002");
        assertFailure(post("/decisions/keys/rotation", app), 403, "FT-3002");
        Answer rotated = post("/decisions/keys/rotation", sysadmin);
        assertEquals(201, rotated.status(), rotated.toString());
        String newKid = rotated.json().getString("kid");
        Map<String, ECPublicKey> after = keys(get("/decisions/keys", app).body());
        assertEquals(2, after.size());
        assertTrue(CompactJws.verify(jws, after).isPresent(), "a decision signed before the rotation");
        Answer later = verify(app, enrolled, "counter", face("id8/img37.jpg"));
        String header = new String(Base64.getUrlDecoder().decode(later.json().getString("jws").split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertTrue(header.contains(newKid), header);
        assertTrue(CompactJws.verify(later.json().getString("jws"), after).isPresent());
        assertTrue(CompactJws.verify(later.json().getString("jws"), keys).isEmpty(), "not under the old key");
    }

    // ---------------------------------------------------------------------------------------------- step-up

    @Test
    @Order(6)
    void riskStepUpAsksForTheSecondFactorThenDecides() throws Exception {
        Answer setUp = post("/subjects/" + enrolled + "/second-factor", operator);
        assertEquals(201, setUp.status(), setUp.toString());
        byte[] secret = base32(setUp.json().getString("secret"));

        // it-stepup: step-up on; a device never seen with this subject is a risk signal (device.new).
        String device = "it-kiosk-" + UUID.randomUUID();
        Answer asked = send(request("/verifications", app).header("Content-Type", "application/json")
                .header("X-FaceTrust-Device", device)
                .POST(HttpRequest.BodyPublishers.ofString(verifyJson(enrolled, "it-stepup", face("id8/img36.jpg"),
                        null))));
        assertDecision(asked, "VERIFY", "STEP_UP_REQUIRED", "FT-5003", "it-stepup");
        assertTrue(asked.json().getJsonObject("stepUp").getJsonArray("reasons").size() >= 1, asked.toString());

        Answer wrong = send(request("/verifications", app).header("Content-Type", "application/json")
                .header("X-FaceTrust-Device", device)
                .POST(HttpRequest.BodyPublishers.ofString(verifyJson(enrolled, "it-stepup", face("id8/img36.jpg"),
                        wrongCode(totp(secret, Instant.now()))))));
        assertFailure(wrong, 403, "FT-4011");
        // The same answer for a subject that does not exist: the step-up is no oracle either.
        Answer unknown = send(request("/verifications", app).header("Content-Type", "application/json")
                .header("X-FaceTrust-Device", device)
                .POST(HttpRequest.BodyPublishers.ofString(verifyJson(UUID.randomUUID().toString().replace("-", ""),
                        "it-stepup", face("id8/img36.jpg"), "123456"))));
        assertFailure(unknown, 403, "FT-4011");

        Answer decided = send(request("/verifications", app).header("Content-Type", "application/json")
                .header("X-FaceTrust-Device", device)
                .POST(HttpRequest.BodyPublishers.ofString(verifyJson(enrolled, "it-stepup", face("id8/img36.jpg"),
                        totp(secret, Instant.now())))));
        assertDecision(decided, "VERIFY", "MATCH", "FT-5000", "it-stepup");
    }

    // ---------------------------------------------------------------------------------------------- failures

    @Test
    @Order(7)
    void deviceFaultChannelAndLimitsAnswerTheirCodes() throws Exception {
        Answer fault = postJson("/verifications", app, "{\"uid\":\"" + enrolled + "\",\"channel\":\"counter\","
                + "\"deviceStatus\":\"FAULT\",\"image\":\"" + b64(face("id8/img36.jpg")) + "\"}");
        assertFailure(fault, 503, "FT-9001");
        Answer channel = verify(app, enrolled, "no-such-channel", face("id8/img36.jpg"));
        assertEquals(400, channel.status(), channel.toString());
        assertTrue(channel.code().startsWith("FT-51"), "the policy's unknown-channel code: " + channel);
    }

    @Test
    @Order(8)
    void aBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        // Declare 9 MiB and send nothing: the answer must come without the server waiting for the body.
        try (Socket socket = new Socket("127.0.0.1", 8080 + OFFSET)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /facetrust/api/v1/verifications HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + app
                    + "\r\nContent-Type: application/json\r\nContent-Length: 9437184\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("FT-3005"), response);
            BODIES.add(response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    // ---------------------------------------------------------------------------------------------- roles

    @Test
    @Order(9)
    void everyEndpointByRole() throws Exception {
        String verifyBody = verifyJson(enrolled, "counter", face("id9/img18.jpg"), null);
        String identifyBody = "{\"channel\":\"counter\",\"image\":\"" + b64(face("id10/img20.jpg")) + "\"}";
        String idPhotoBody = "{\"channel\":\"counter\",\"idPhoto\":\"" + b64(face("id9/img18.jpg")) + "\",\"image\":\""
                + b64(face("id10/img20.jpg")) + "\"}";
        Map<String, String> bodies = Map.of("/verifications", verifyBody, "/identifications", identifyBody,
                "/id-photo-comparisons", idPhotoBody);
        // endpoint → callers allowed (auditor is never allowed to run a recognition: separated duties, A-8.5)
        Map<String, Set<String>> allowed = Map.of("/verifications", Set.of("operator", "app"),
                "/identifications", Set.of("operator", "app"), "/id-photo-comparisons", Set.of("operator", "app"));
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("operator", operator);
        callers.put("app", app);
        callers.put("auditor", auditor);
        callers.put("sysadmin", sysadmin);
        for (Map.Entry<String, String> endpoint : bodies.entrySet()) {
            assertFailure(postJson(endpoint.getKey(), null, endpoint.getValue()), 401, "FT-3001");
            assertFailure(postJson(endpoint.getKey(), "not.a.token", endpoint.getValue()), 401, "FT-3001");
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                Answer a = postJson(endpoint.getKey(), caller.getValue(), endpoint.getValue());
                if (allowed.get(endpoint.getKey()).contains(caller.getKey())) {
                    assertEquals(200, a.status(), caller.getKey() + " " + endpoint.getKey() + ": " + a);
                    assertEquals("NO_MATCH", a.json().getString("decision"));
                } else {
                    assertFailure(a, 403, "FT-3002");
                }
            }
        }
        assertFailure(get("/decisions/keys", null), 401, "FT-3001");
        for (String token : callers.values()) {
            assertEquals(200, get("/decisions/keys", token).status(), "any authenticated caller reads the keys");
        }
        assertFailure(post("/decisions/keys/rotation", auditor), 403, "FT-3002");
        assertFailure(post("/decisions/keys/rotation", null), 401, "FT-3001");
    }

    @Test
    @Order(10)
    void noAnswerAnywhereCarriesAScore() {
        assertTrue(BODIES.size() > 40, "answers collected: " + BODIES.size());
        Pattern scoreName = Pattern.compile("(?i)\"[^\"]*(score|similarity|distance|confidence|threshold|cosine)[^\"]*\"\\s*:");
        Pattern fraction = Pattern.compile("(?<![\\w.\"-])-?0?\\.\\d+(?![\\w.])|(?<![\\w.\"])[01]\\.\\d+(?![\\w.])");
        for (String body : BODIES) {
            assertFalse(scoreName.matcher(body).find(), "score-like field: " + body);
            String withoutStrings = body.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
            assertFalse(fraction.matcher(withoutStrings).find(), "a bare fraction in: " + body);
        }
    }

    @Test
    @Order(11)
    void everyRequestWroteOneAuditEntryAlsoRefusedAndFailedOnes() {
        Answer entries = get("/audit/entries?subject=" + enrolled + "&size=200", auditor);
        assertEquals(200, entries.status(), entries.toString());
        for (String tx : TRANSACTIONS) {
            assertEquals(1, Pattern.compile(Pattern.quote(tx)).matcher(entries.body()).results().count(),
                    "one entry for transaction " + tx + ": " + entries.body());
        }
        assertTrue(entries.body().contains("\"outcome\":\"FT-2001\""), "a refused request (no face) is audited too");
        assertTrue(entries.body().contains("\"decision\":\"STEP_UP_REQUIRED\""), "step-up answers are audited");
        Answer unavailable = get("/audit/entries?action=VERIFY&outcome=FT-5004&size=200", auditor);
        assertEquals(200, unavailable.status(), unavailable.toString());
        assertTrue(Pattern.compile("\"decision\":\"NO_MATCH\"").matcher(unavailable.body()).results().count() >= 3,
                "unknown / non-consenting / malformed subjects audited as FT-5004 with decision NO_MATCH: "
                        + unavailable.body());
        assertFalse(entries.body().contains(enrolled), "entries name the pseudonym, never the UID");
    }

    // ---------------------------------------------------------------------------------------------- benchmark

    /**
     * Issue 5 load target, run only with {@code -Dfacetrust.recognition.benchmark=true}: verify with one 640×480
     * JPEG (genuine, channel counter: no liveness) — p50/p95 at concurrency 1 and throughput at concurrency 4.
     * Bounded: {@code facetrust.recognition.benchmark.requests} [200] per phase after 20 warm-up requests.
     */
    @Test
    @Order(20)
    void loadBenchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("facetrust.recognition.benchmark"), "benchmark not requested");
        int n = Integer.getInteger("facetrust.recognition.benchmark.requests", 200);
        byte[] probe = vga(face("id8/img36.jpg"));
        String body = verifyJson(enrolled, "counter", probe, null);
        HttpRequest.Builder[] token = {null};
        String[] current = {appToken()};
        long[] tokenAt = {System.nanoTime()};
        java.util.function.Supplier<HttpRequest> request = () -> {
            synchronized (current) {
                if (System.nanoTime() - tokenAt[0] > 200_000_000_000L) { // tokens live 300 s
                    current[0] = appToken();
                    tokenAt[0] = System.nanoTime();
                }
                return request("/verifications", current[0]).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            }
        };
        for (int i = 0; i < 20; i++) {
            assertEquals(200, HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        ProcessHandle server = testServer();
        double[] latency = new double[n];
        long cpu0 = cpuMillis(server);
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString());
            latency[i] = (System.nanoTime() - s) / 1e6;
            assertTrue(r.body().contains("\"MATCH\""), r.body());
        }
        long cpu1 = cpuMillis(server);
        java.util.Arrays.sort(latency);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            done.add(pool.submit(() -> HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString()).statusCode()));
        }
        int ok = 0;
        for (Future<Integer> f : done) {
            ok += f.get() == 200 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu2 = cpuMillis(server);
        pool.shutdown();
        // Server CPU time per verification (user + system of the WildFly process, all its threads): what a request
        // costs whatever else the machine runs; the wall-clock figures above depend on the machine's load.
        String line = String.format(Locale.ROOT, "recognition benchmark: 640x480 JPEG (%d bytes), verify, channel counter,"
                + " genuine; c=1: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms, server CPU %.1f ms/request; c=4: n=%d ok=%d"
                + " in %.2f s = %.1f/s, server CPU %.1f ms/request; %d processors; load average %s", probe.length, n,
                latency[n / 2], latency[(int) Math.ceil(n * 0.95) - 1], latency[n - 1], (cpu1 - cpu0) / (double) n,
                n, ok, seconds, n / seconds, (cpu2 - cpu1) / (double) n, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(line);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "recognition-benchmark.txt"), line + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(n, ok);
    }

    /** The test WildFly: the JVM started from the test base directory. */
    private static ProcessHandle testServer() {
        String base = System.getProperty("facetrust.test.base.dir", "wildfly-test-base");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules") && c.contains(base))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("test WildFly not found (" + base + ")"));
    }

    /** User + system CPU time of a process in ms, from /proc (Linux; clock ticks of 10 ms). */
    private static long cpuMillis(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void assertDecision(Answer a, String operation, String decision, String code, String channel) {
        assertEquals(200, a.status(), a.toString());
        JsonObject json = a.json();
        assertEquals(operation, json.getString("operation"), a.toString());
        assertEquals(decision, json.getString("decision"), a.toString());
        assertEquals(code, json.getString("code"), a.toString());
        assertEquals(channel, json.getString("channel"));
        assertTrue(json.getString("transactionId").matches("[0-9a-f-]{36}"));
        assertTrue(json.getString("jws").split("\\.").length == 3);
        Instant.parse(json.getString("decidedAt"));
    }

    private static void assertFailure(Answer a, int status, String code) {
        assertEquals(status, a.status(), a.toString());
        assertEquals(code, a.code(), a.toString());
    }

    private static Map<String, ECPublicKey> keys(String jwks) {
        return DecisionKeys.parse(jwks);
    }

    private static String register(String... purposes) {
        Answer notices = get("/consent-notices", null);
        Map<String, String> versions = new HashMap<>();
        try (JsonReader r = Json.createReader(new StringReader(notices.body()))) {
            r.readArray().forEach(v -> versions.put(v.asJsonObject().getString("purpose"),
                    v.asJsonObject().getString("version")));
        }
        String consents = java.util.Arrays.stream(purposes)
                .map(p -> "{\"purpose\":\"" + p + "\",\"noticeVersion\":\"" + versions.get(p) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        Answer a = postJson("/subjects", operator, "{\"consents\":" + consents + ",\"channel\":\"counter\"}");
        assertEquals(201, a.status(), a.toString());
        return a.json().getString("uid");
    }

    private static String verifyJson(String uid, String channel, byte[] image, String oneTimeCode) {
        return "{\"uid\":\"" + uid + "\",\"channel\":\"" + channel + "\",\"image\":\"" + b64(image) + "\""
                + (oneTimeCode == null ? "" : ",\"oneTimeCode\":\"" + oneTimeCode + "\"") + "}";
    }

    private static Answer verify(String token, String uid, String channel, byte[] image) {
        return postJson("/verifications", token, verifyJson(uid, channel, image, null));
    }

    private static Answer multipart(String path, String token, Map<String, String> fields, Map<String, byte[]> files) {
        String boundary = "ft-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((k, v) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\""
                    + k + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(v);
            body.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static Answer postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            BODIES.add(r.body());
            return new Answer(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path testdata() {
        return Path.of(System.getProperty("facetrust.testdata.dir", "../../shared/testdata"));
    }

    private static byte[] face(String name) throws IOException {
        return read(testdata().resolve("faces/deepface/" + name));
    }

    private static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** An ID-photo-like image: frontal 35:45 crop, 240×308 px, softened (print-scan), JPEG quality 50. */
    static byte[] printedAndScanned(byte[] jpeg) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = src.getWidth();
        int h = src.getHeight();
        int cropW = Math.min(w, (int) (h * 35.0 / 45));
        int cropH = Math.min(h, (int) (cropW * 45.0 / 35));
        BufferedImage small = new BufferedImage(240, 308, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src.getSubimage((w - cropW) / 2, (h - cropH) / 2, cropW, cropH), 0, 0, 240, 308, null);
        g.dispose();
        float[] k = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};
        return jpeg(new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(small, null), 0.5f);
    }

    /** The photo letterboxed into a 640×480 JPEG (quality 90), the capture size of issue 5's load target. */
    static byte[] vga(byte[] jpeg) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(jpeg));
        double scale = Math.min(640.0 / src.getWidth(), 480.0 / src.getHeight());
        int w = (int) (src.getWidth() * scale);
        int h = (int) (src.getHeight() * scale);
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.drawImage(src, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        return jpeg(out, 0.9f);
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes it. */
    static String totp(byte[] secret, Instant at) {
        return com.facetrust.platform.InServerApi.totp(secret, at.getEpochSecond() / 30);
    }

    private static String wrongCode(String right) {
        return String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toUpperCase(Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
