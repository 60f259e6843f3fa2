package com.facetrust.application.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The REST API as the audit test's callers see it, from inside the test server over loopback HTTP with real
 * Keycloak tokens: operator and auditor (password grant), the test sysadmin (password + OTP), the internal
 * application (client credentials).
 */
final class AuditApi {
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
            return body.startsWith("{") ? json().getString("code", null) : null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    AuditApi() {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        base = "http://127.0.0.1:" + (8080 + offset) + "/facetrust/api/v1";
    }

    String token(String role) {
        return switch (role) {
            case "operator" -> password("operator", System.getProperty("facetrust.it.audit.operator-password"), null);
            case "auditor" -> password("auditor", System.getProperty("facetrust.it.audit.auditor-password"), null);
            case "sysadmin" -> sysadminToken();
            case "internal-app" -> form(Map.of("grant_type", "client_credentials", "client_id",
                    "facetrust-internal-app", "client_secret",
                    System.getProperty("facetrust.it.audit.internal-app-secret")));
            case "anonymous" -> null;
            default -> throw new IllegalArgumentException(role);
        };
    }

    private static String sysadmin;
    private static long sysadminAt;
    private static long lastOtpStep;

    /**
     * The sysadmin's token, kept for two minutes (tokens live five): Keycloak accepts each one-time code once, and
     * failed logins count towards the realm's brute-force lockout, so the test never sends the same code twice.
     */
    private synchronized String sysadminToken() {
        if (sysadmin != null && System.currentTimeMillis() - sysadminAt < 120_000) {
            return sysadmin;
        }
        long step = System.currentTimeMillis() / 30_000;
        if (step == lastOtpStep) {
            try {
                Thread.sleep((step + 1) * 30_000 - System.currentTimeMillis() + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        lastOtpStep = System.currentTimeMillis() / 30_000;
        sysadmin = password(System.getProperty("facetrust.it.audit.sysadmin-user"),
                System.getProperty("facetrust.it.audit.sysadmin-password"),
                totp(System.getProperty("facetrust.it.audit.sysadmin-otp-secret")));
        sysadminAt = System.currentTimeMillis();
        return sysadmin;
    }

    private String password(String user, String password, String otp) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "password", "client_id",
                "facetrust-cli", "username", user, "password", password));
        if (otp != null) {
            form.put("totp", otp);
        }
        return form(form);
    }

    private String form(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer a = send(HttpRequest.newBuilder(URI.create(System.getProperty("facetrust.it.audit.token-url")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher m = ACCESS_TOKEN.matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new IllegalStateException("no token: " + a);
        }
        return m.group(1);
    }

    /** RFC 6238 TOTP over the secret's characters, as Keycloak computes it for the test OTP device. */
    static String totp(String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8)
                    .putLong(System.currentTimeMillis() / 1000 / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer call(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return send(b);
    }

    Answer get(String path, String token) {
        return call("GET", path, token, null, Map.of());
    }

    Answer post(String path, String token, String json) {
        return call("POST", path, token, json, Map.of());
    }

    /** Current notice versions by purpose (public endpoint). */
    Map<String, String> noticeVersions() {
        Answer a = get("/consent-notices", null);
        try (JsonReader r = Json.createReader(new StringReader(a.body()))) {
            return r.readArray().stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.toMap(o -> o.getString("purpose"), o -> o.getString("version")));
        }
    }

    /** Registers a subject (privacy policy + face verification consents) and returns its UID. */
    String register(String token, Map<String, String> headers) {
        Map<String, String> v = noticeVersions();
        String json = "{\"consents\":[{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\"" + v.get("PRIVACY_POLICY")
                + "\"},{\"purpose\":\"FACE_VERIFICATION\",\"noticeVersion\":\"" + v.get("FACE_VERIFICATION")
                + "\"}],\"channel\":\"counter\"}";
        Answer a = call("POST", "/subjects", token, json, headers);
        if (a.status() != 201) {
            throw new IllegalStateException("register: " + a);
        }
        return a.json().getString("uid");
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
