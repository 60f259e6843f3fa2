package com.facetrust.application.liveness;

import com.facetrust.platform.InServerApi;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The liveness API as a client sees it ({@link InServerApi}: in-server loopback HTTP, real Keycloak tokens; the test
 * Keycloak's secrets come from {@code LifecycleTestSetup}): the tokens of the internal application, the demo auditor
 * and operator, and the challenge / check bodies with frames at 15 fps. Reads may take 30 s, writes 120 s.
 */
final class LivenessApi extends InServerApi {

    LivenessApi() {
        super(TOKEN_URL, Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** Client credentials of facetrust-internal-app (client roles enrol, verify, identify). */
    String appToken() {
        return clientToken("facetrust-internal-app", System.getProperty("facetrust.it.internal-app-secret"));
    }

    /** Password grant of the demo auditor (realm role auditor: no liveness operation). */
    String auditorToken() {
        return passwordToken("auditor", System.getProperty(LivenessTestSetup.AUDITOR_PASSWORD));
    }

    /** Password grant of the demo operator (realm role operator). */
    String operatorToken() {
        return passwordToken("operator", System.getProperty("facetrust.it.operator-password"));
    }

    /** A multipart/form-data POST of an already built body with this boundary. */
    Answer postMultipart(String path, String token, String boundary, byte[] body) {
        return postRaw(path, token, "multipart/form-data; boundary=" + boundary, body);
    }

    Answer challenge(String token, String json) {
        return postJson("/liveness/challenges", token, json);
    }

    /**
     * The nonce of a one-action ACTIVE challenge asking for {@code action}: a client that can only perform one
     * thing (a recorded clip) asks until the server draws it — each issue is cheap; the chance of 200 draws
     * without it is (5/6)^200. Fails the test when none came.
     */
    String challengeAskingFor(String token, String action) {
        for (int i = 0; i < 200; i++) {
            jakarta.json.JsonObject c = challenge(token, "{\"kind\":\"ACTIVE\",\"actions\":1}").json();
            if (c.getJsonArray("actions").getString(0).equals(action)) {
                return c.getString("nonce");
            }
        }
        throw new AssertionError("no " + action + " challenge within 200 issues");
    }

    /** {@code POST /liveness/checks} with the frames at 15 fps (t = 0, 67, 133 … ms). */
    Answer check(String token, String requirement, List<byte[]> frames, String nonce) {
        return postJson("/liveness/checks", token, "{\"requirement\":\"" + requirement + "\","
                + (nonce == null ? "" : "\"challengeNonce\":\"" + nonce + "\",") + "\"frames\":" + frames(frames)
                + "}");
    }

    /** {@code [{"image": "<base64>", "t": ms}, …]} at 15 fps. */
    static String frames(List<byte[]> frames) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"image\":\"").append(Base64.getEncoder().encodeToString(frames.get(i))).append("\",\"t\":")
                    .append(Math.round(i * 1000.0 / 15)).append('}');
        }
        return b.append(']').toString();
    }
}
