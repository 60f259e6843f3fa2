package com.facetrust.application.enrolment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The REST API as a client sees it, called from inside the test server over loopback HTTP with real Keycloak
 * tokens (password grant for the demo operator, client credentials for the internal application).
 */
final class LifecycleApi {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String base;
    private final String tokenUrl;

    /** A response: status and body. */
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

    LifecycleApi() {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        base = "http://127.0.0.1:" + (8080 + offset) + "/facetrust/api/v1";
        tokenUrl = System.getProperty("facetrust.it.token-url");
    }

    String operatorToken() {
        return token(Map.of("grant_type", "password", "client_id", "facetrust-cli", "username", "operator",
                "password", System.getProperty("facetrust.it.operator-password")));
    }

    String internalAppToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", "facetrust-internal-app",
                "client_secret", System.getProperty("facetrust.it.internal-app-secret")));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer a = send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher m = ACCESS_TOKEN.matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new IllegalStateException("no token: " + a);
        }
        return m.group(1);
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Answer postRaw(String path, String token, String contentType, byte[] body) {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** {@code {"images": [base64...]}}. */
    Answer enrolJson(String uid, String token, List<byte[]> images) {
        String json = images.stream().map(i -> "\"" + Base64.getEncoder().encodeToString(i) + "\"")
                .collect(Collectors.joining(",", "{\"images\":[", "]}"));
        return postJson("/subjects/" + uid + "/references", token, json);
    }

    /** multipart/form-data with one part named image per image. */
    Answer enrolMultipart(String uid, String token, List<byte[]> images) {
        String boundary = "ft-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < images.size(); i++) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face"
                        + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                body.write(images.get(i));
                body.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return postRaw("/subjects/" + uid + "/references", token, "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
    }

    /** The current notice versions, as a client shows them before asking for consent. */
    Map<String, String> noticeVersions() {
        Answer a = get("/consent-notices", null);
        if (a.status() != 200) {
            throw new IllegalStateException("notices: " + a);
        }
        try (JsonReader r = Json.createReader(new StringReader(a.body()))) {
            return r.readArray().stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.toMap(o -> o.getString("purpose"), o -> o.getString("version")));
        }
    }

    /** Registers a subject with consents for the given purposes (current notice versions); returns its UID. */
    String register(String token, String... purposes) {
        Map<String, String> versions = noticeVersions();
        String consents = java.util.Arrays.stream(purposes)
                .map(p -> "{\"purpose\":\"" + p + "\",\"noticeVersion\":\"" + versions.get(p) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        Answer a = postJson("/subjects", token, "{\"consents\":" + consents + ",\"channel\":\"counter\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("register: " + a);
        }
        return a.json().getString("uid");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
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
