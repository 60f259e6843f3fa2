package com.facetrust.application.liveness;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The liveness API as a client sees it, called from inside the test server over loopback with real Keycloak tokens
 * (client credentials of the internal application; the test Keycloak's secret comes from {@code LifecycleTestSetup}).
 */
final class LivenessApi {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String base;

    record Answer(int status, String body) {
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

    LivenessApi() {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        base = "http://127.0.0.1:" + (8080 + offset) + "/facetrust/api/v1";
    }

    /** Client credentials of facetrust-internal-app (client roles enrol, verify, identify). */
    String appToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", "facetrust-internal-app",
                "client_secret", System.getProperty("facetrust.it.internal-app-secret")));
    }

    /** Password grant of the demo auditor (realm role auditor: no liveness operation). */
    String auditorToken() {
        return token(Map.of("grant_type", "password", "client_id", "facetrust-cli", "username", "auditor",
                "password", System.getProperty(LivenessTestSetup.AUDITOR_PASSWORD)));
    }

    /** Password grant of the demo operator (realm role operator). */
    String operatorToken() {
        return token(Map.of("grant_type", "password", "client_id", "facetrust-cli", "username", "operator",
                "password", System.getProperty("facetrust.it.operator-password")));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Answer a = send(HttpRequest.newBuilder(URI.create(System.getProperty("facetrust.it.token-url")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher m = ACCESS_TOKEN.matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new IllegalStateException("no token: " + a);
        }
        return m.group(1);
    }

    Answer get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    Answer postJson(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** A multipart/form-data POST of an already built body with this boundary. */
    Answer postMultipart(String path, String token, String boundary, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    Answer challenge(String token, String json) {
        return postJson("/liveness/challenges", token, json);
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

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
