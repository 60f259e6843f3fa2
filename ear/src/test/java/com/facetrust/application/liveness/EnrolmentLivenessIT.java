package com.facetrust.application.liveness;

import com.facetrust.application.enrolment.LifecycleTestSetup;
import com.facetrust.application.enrolment.OneTimeCodes;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;

import static com.facetrust.application.liveness.EnrolmentRequests.assertCode;
import static com.facetrust.application.liveness.EnrolmentRequests.base64;
import static com.facetrust.application.liveness.EnrolmentRequests.burst;
import static com.facetrust.application.liveness.EnrolmentRequests.clip;
import static com.facetrust.application.liveness.EnrolmentRequests.laterFrame;
import static com.facetrust.application.liveness.EnrolmentRequests.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrolment with live evidence enrols the live face (issue 6: liveness usable by enrolment; d,
 * D-7.3), end to end on the deployed EAR with real Keycloak tokens, the real models and real clips of
 * ../shared/testdata: {@code facetrust.enrolment.liveness=MULTI_FRAME} here ({@link EnrolmentLivenessTestSetup}).
 * The burst is the first 3 s (45 frames at 15 fps) of the live clip lp-d9, which passes the multi-frame check.
 * <ul>
 * <li>burst + an image of another (live) person → FT-6008, 403, an ALARM stored, the failed ENROL audited, nothing
 *     enrolled;</li>
 * <li>burst alone → its best frame enrolled; a verification with a later frame of the clip matches;</li>
 * <li>burst + a later frame of the same clip (the same person, not part of the burst) → enrolled;</li>
 * <li>the same through the multipart form (frame parts, frameTimes);</li>
 * <li>re-enrolment by the subject: the live frames verify (with the one-time code) and replace the references.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, EnrolmentLivenessTestSetup.class})
class EnrolmentLivenessIT {


    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(EnrolmentLivenessIT.class, EnrolmentRequests.class,
                LivenessTestImages.class, LivenessApi.class,
                OneTimeCodes.class);
    }

    private LivenessApi api;
    private EnrolmentRequests requests;
    private String operator;

    @BeforeEach
    void setUp() {
        api = new LivenessApi();
        requests = new EnrolmentRequests(api);
        operator = requests.operator();
    }

    @Test
    void anImageOfAnotherPersonThanTheLiveFaceIsRefusedAndNothingIsEnrolled() {
        Instant started = Instant.now().minusSeconds(1);
        String uid = register();
        // pad/samples/live.jpg: a live selfie of someone else, which passes the single-frame check on its own.
        LivenessApi.Answer refused = enrol(uid, List.of(read("pad/samples/live.jpg")), burst());
        assertCode(refused, 403, "FT-6008");
        assertEquals("[\"image 1\"]", refused.json().getJsonArray("reasons").toString(), refused.toString());
        assertFalse(refused.body().matches("(?s).*\\d\\.\\d{2}.*"), "no score in the answer: " + refused);
        assertEquals(0, references(uid), "nothing was enrolled");

        // d: an ALARM stored for operators, raised centrally from the answered code ...
        LivenessApi.Answer events = api.get("/events?level=ALARM&from=" + started + "&size=200", operator);
        assertEquals(200, events.status(), events.toString());
        assertTrue(events.json().getJsonArray("items").stream().map(v -> v.asJsonObject())
                .anyMatch(e -> "FT-6008".equals(e.getString("code", null))), "an FT-6008 alarm: " + events);
        // ... and the failed enrolment in the audit trail with its code.
        LivenessApi.Answer audit = api.get("/audit/entries?action=ENROL&outcome=FT-6008&subject=" + uid,
                api.auditorToken());
        assertEquals(200, audit.status(), audit.toString());
        assertEquals(1, audit.json().getInt("total"), audit.toString());

        // The same request with the live person's own later frame instead is enrolled (the tie is not a blanket
        // refusal), and a mixed request is refused as a whole, naming the image that differs.
        LivenessApi.Answer mixed = enrol(uid, List.of(laterFrame(), read("pad/samples/live.jpg")), burst());
        assertCode(mixed, 403, "FT-6008");
        assertEquals("[\"image 2\"]", mixed.json().getJsonArray("reasons").toString(), mixed.toString());
        assertEquals(0, references(uid), "nothing of the mixed request was enrolled");
    }

    @Test
    void theBurstAloneEnrolsItsBestFrameAndALaterFrameOfThePersonThenMatches() {
        String uid = register();
        LivenessApi.Answer enrolled = enrol(uid, List.of(), burst());
        assertEquals(201, enrolled.status(), enrolled.toString());
        assertEquals(1, enrolled.json().getJsonArray("references").size(), enrolled.toString());
        assertEquals(1, references(uid));

        String app = api.appToken();
        LivenessApi.Answer match = api.postJson("/verifications", app, "{\"uid\":\"" + uid
                + "\",\"channel\":\"counter\",\"image\":\"" + base64(laterFrame()) + "\"}");
        assertEquals(200, match.status(), match.toString());
        assertEquals("MATCH", match.json().getString("decision"), match.toString());
        LivenessApi.Answer other = api.postJson("/verifications", app, "{\"uid\":\"" + uid
                + "\",\"channel\":\"counter\",\"image\":\"" + base64(read("pad/samples/live.jpg")) + "\"}");
        assertEquals(200, other.status(), other.toString());
        assertEquals("NO_MATCH", other.json().getString("decision"), "another person does not match: " + other);
    }

    @Test
    void aLaterFrameOfTheSamePersonWithTheBurstIsEnrolled() {
        String uid = register();
        LivenessApi.Answer enrolled = enrol(uid, List.of(laterFrame()), burst());
        assertEquals(201, enrolled.status(), enrolled.toString());
        assertEquals(1, references(uid));
    }

    /** The multipart form carries the same evidence as parts: frame × n, frameTimes, (challengeNonce). */
    @Test
    void theMultipartFormCarriesTheEvidenceWithTheSameTie() {
        String uid = register();
        LivenessApi.Answer refused = enrolMultipart(uid, List.of(read("pad/samples/live.jpg")), burst());
        assertCode(refused, 403, "FT-6008");
        assertEquals(0, references(uid));
        LivenessApi.Answer enrolled = enrolMultipart(uid, List.of(), burst());
        assertEquals(201, enrolled.status(), enrolled.toString());
        assertEquals(1, references(uid));
        // Frames without their capture times are malformed evidence, named.
        LivenessApi.Answer untimed = api.postMultipart("/subjects/" + uid + "/references", operator, "b",
                multipart("b", List.of(), burst().subList(0, 3), null));
        assertCode(untimed, 400, "FT-3003");
        assertEquals("[\"frameTimes\"]", untimed.json().getJsonArray("reasons").toString());
    }

    @Test
    void withoutImagesTheEvidenceIsRequiredAndAnAttackBurstIsNotEnrolled() {
        String uid = register();
        assertCode(api.postJson("/subjects/" + uid + "/references", operator, "{\"images\":[]}"), 400, "FT-6007");
        assertCode(api.postJson("/subjects/" + uid + "/references", operator, "{}"), 400, "FT-6007");
        // The phone-screen replay fails the multi-frame check before any frame is considered for enrolment.
        assertCode(enrol(uid, List.of(), clip("video/attack-replay/zubair-fake", 45)), 403, "FT-6001");
        assertEquals(0, references(uid));
    }

    /**
     * Re-enrolment by the subject (D-5.3.3) under MULTI_FRAME enrolment: the live frames are the verification photo
     * (with the one-time code) and what replaces the references; a separate verification photo or missing evidence
     * is refused before the code is used; new images of another person are FT-6008 and nothing changes.
     */
    @Test
    void reEnrolmentIsVerifiedByTheLiveFramesAndReplacesWithTheLiveFace() throws Exception {
        String uid = register();
        assertEquals(201, enrol(uid, List.of(), burst()).status());
        List<String> before = referenceIds(uid);
        LivenessApi.Answer setUp = api.postJson("/subjects/" + uid + "/second-factor", operator, "");
        assertEquals(201, setUp.status(), setUp.toString());
        byte[] secret = OneTimeCodes.secret(setUp.json().getString("secret"));
        long step = Instant.now().getEpochSecond() / 30;
        String path = "/subjects/" + uid + "/re-enrolment";

        String code = OneTimeCodes.code(secret, step);
        assertCode(api.postJson(path, operator, "{\"verificationImage\":\"" + base64(laterFrame())
                + "\",\"oneTimeCode\":\"" + code + "\"}"), 400, "FT-6007");
        assertCode(api.postJson(path, operator, "{\"verificationImage\":\"" + base64(laterFrame())
                + "\",\"oneTimeCode\":\"" + code + "\",\"liveness\":{\"frames\":" + LivenessApi.frames(burst())
                + "}}"), 400, "FT-3003");
        // Neither used the code: it still verifies, the live face matches the references, the photo does not match
        // the live face.
        LivenessApi.Answer other = api.postJson(path, operator, reEnrolment(code, List.of(read("pad/samples/live.jpg"))));
        assertCode(other, 403, "FT-6008");
        assertEquals(before, referenceIds(uid), "nothing changed");

        LivenessApi.Answer changed = api.postJson(path, operator, reEnrolment(OneTimeCodes.code(secret, step + 1),
                List.of()));
        assertEquals(201, changed.status(), changed.toString());
        List<String> after = referenceIds(uid);
        assertEquals(1, after.size());
        assertFalse(before.contains(after.get(0)), "replaced by the evidence's best frame");
    }

    private static String reEnrolment(String code, List<byte[]> images) {
        StringBuilder body = new StringBuilder("{\"oneTimeCode\":\"" + code + "\",");
        if (!images.isEmpty()) {
            body.append("\"images\":[").append(String.join(",", images.stream().map(i -> "\"" + base64(i) + "\"")
                    .toList())).append("],");
        }
        return body.append("\"liveness\":{\"frames\":").append(LivenessApi.frames(burst())).append("}}").toString();
    }

    // ------------------------------------------------------------------ helpers

    private LivenessApi.Answer enrol(String uid, List<byte[]> images, List<byte[]> frames) {
        return requests.enrol(uid, images, frames, null);
    }

    private int references(String uid) {
        return requests.references(uid);
    }

    private List<String> referenceIds(String uid) {
        return requests.referenceIds(uid);
    }

    private String register() {
        return requests.register();
    }

    private LivenessApi.Answer enrolMultipart(String uid, List<byte[]> images, List<byte[]> frames) {
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            times.append(i > 0 ? "," : "").append(Math.round(i * 1000.0 / 15));
        }
        return api.postMultipart("/subjects/" + uid + "/references", requests.operator(), "enrolment-boundary",
                multipart("enrolment-boundary", images, frames, times.toString()));
    }

    private static byte[] multipart(String boundary, List<byte[]> images, List<byte[]> frames, String times) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.function.BiConsumer<String, byte[]> part = (name, content) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        };
        images.forEach(i -> part.accept("image", i));
        frames.forEach(f -> part.accept("frame", f));
        if (times != null) {
            part.accept("frameTimes", times.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
