package com.facetrust.application.liveness;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Enrolment with liveness evidence as a client sends it (issue 6), shared by {@link EnrolmentLivenessIT}
 * (MULTI_FRAME) and {@link EnrolmentChallengeIT} (CHALLENGE): subjects registered by the demo operator, JSON enrolment
 * bodies with {@code images} and {@code liveness}, the references a subject holds, and the clips and photos of
 * ../shared/testdata (tests skip when it is absent).
 */
final class EnrolmentRequests {
    /** The live clip whose first 3 s are the burst / challenge frames (it blinks in them). */
    static final String CLIP = "video/live/lp-d9";
    /** A frame of the clip long after the burst (frame_0121, 8 s in): the same person, another moment. */
    static final int LATER_FRAME = 120;

    private final LivenessApi api;
    private final String operator;

    EnrolmentRequests(LivenessApi api) {
        this.api = api;
        this.operator = api.operatorToken();
    }

    String operator() {
        return operator;
    }

    /** {@code POST /subjects/{uid}/references} {@code {"images"?: [...], "liveness": {"frames", "challengeNonce"?}}}. */
    LivenessApi.Answer enrol(String uid, List<byte[]> images, List<byte[]> frames, String nonce) {
        StringBuilder body = new StringBuilder("{");
        if (!images.isEmpty()) {
            body.append("\"images\":[");
            for (int i = 0; i < images.size(); i++) {
                body.append(i > 0 ? "," : "").append('"').append(base64(images.get(i))).append('"');
            }
            body.append("],");
        }
        body.append("\"liveness\":{").append(nonce == null ? "" : "\"challengeNonce\":\"" + nonce + "\",")
                .append("\"frames\":").append(LivenessApi.frames(frames)).append("}}");
        return api.postJson("/subjects/" + uid + "/references", operator, body.toString());
    }

    int references(String uid) {
        return referenceIds(uid).size();
    }

    List<String> referenceIds(String uid) {
        LivenessApi.Answer refs = api.get("/subjects/" + uid + "/references", operator);
        assertEquals(200, refs.status(), refs.toString());
        return jakarta.json.Json.createReader(new java.io.StringReader(refs.body())).readArray().stream()
                .map(v -> v.asJsonObject().getString("referenceId")).toList();
    }

    /** A new subject with privacy-policy and face-verification consent. */
    String register() {
        return api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION");
    }

    /** The first 3 s of the clip (45 frames at 15 fps). */
    static List<byte[]> burst() {
        return frames(CLIP).subList(0, 45);
    }

    static byte[] laterFrame() {
        return frames(CLIP).get(LATER_FRAME);
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static void assertCode(LivenessApi.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.toString());
        assertEquals(code, a.code(), a.toString());
    }

    static byte[] read(String relative) {
        return LivenessTestImages.read(relative);
    }

    static List<byte[]> clip(String folder, int count) {
        return LivenessTestImages.clip(folder, count);
    }

    /** Every frame of a clip folder, in order. */
    static List<byte[]> frames(String folder) {
        return LivenessTestImages.clip(folder, Integer.MAX_VALUE);
    }
}
