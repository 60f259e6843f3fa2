package com.facetrust.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The REST API as a client sees it, called from inside the test server over loopback HTTP with real Keycloak tokens:
 * the base URL from the server's port offset, calls answered as {@link Answer}, token requests posted as forms to the
 * test Keycloak (client credentials, password grant, password + one-time code), RFC 6238 codes, and the consent
 * notices + subject registration every enrolling test starts with. The per-area clients ({@code LifecycleApi},
 * {@code AuditApi}, {@code LivenessApi}) extend it with their credentials and bodies; {@link DeployedEar} adds it to
 * every in-server test deployment. Plain JDK + Jakarta JSON only.
 */
public class InServerApi {
    /** System property with the test Keycloak's token endpoint (set by the setup tasks). */
    public static final String TOKEN_URL = "facetrust.it.token-url";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code http://127.0.0.1:<8080 + offset>/facetrust/api/v1}. */
    public final String base;
    private final String tokenUrlProperty;
    private final Duration getTimeout;
    private final Duration sendTimeout;

    // the test sysadmin's last token and one-time-code step, see sysadminToken
    private static String sysadmin;
    private static String sysadminUser;
    private static long sysadminAt;
    private static long lastOtpStep;

    /** A response: status and body. */
    public record Answer(int status, String body) {
        public JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }

        /** The failure code of an error body; null when the body is no JSON object. */
        public String code() {
            return body.startsWith("{") ? json().getString("code", null) : null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Tokens from {@value #TOKEN_URL}; every call may take up to 120 s (enrolment runs the face engine). */
    public InServerApi() {
        this(TOKEN_URL, Duration.ofSeconds(120), Duration.ofSeconds(120));
    }

    /**
     * @param tokenUrlProperty system property naming the token endpoint
     * @param getTimeout       how long a GET may take
     * @param sendTimeout      how long any other call may take
     */
    protected InServerApi(String tokenUrlProperty, Duration getTimeout, Duration sendTimeout) {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        this.base = "http://127.0.0.1:" + (8080 + offset) + "/facetrust/api/v1";
        this.tokenUrlProperty = tokenUrlProperty;
        this.getTimeout = getTimeout;
        this.sendTimeout = sendTimeout;
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    /** The access token a token request with this form gets; fails with Keycloak's answer otherwise. */
    public String token(Map<String, String> form) {
        return token(System.getProperty(tokenUrlProperty), form);
    }

    /** The access token this token endpoint answers to the form; fails with Keycloak's answer otherwise. */
    public static String token(String tokenUrl, Map<String, String> form) {
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

    /** Client-credentials grant of a confidential client. */
    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** Password grant of a user through the public {@code facetrust-cli} client. */
    public String passwordToken(String user, String password) {
        return token(passwordGrant(user, password, null));
    }

    /** The form of a password grant through {@code facetrust-cli}; with a one-time code when {@code otp} is set. */
    public static Map<String, String> passwordGrant(String user, String password, String otp) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", user, "password", password));
        if (otp != null) {
            form.put("totp", otp);
        }
        return form;
    }

    /**
     * A sysadmin's token (password + one-time code, A-8.1.3), kept for two minutes (tokens live five): Keycloak
     * accepts each one-time code once, and failed logins count towards the realm's brute-force lockout, so a test
     * never sends the same code twice — a second login waits for the next 30 s step.
     */
    protected String sysadminToken(String user, String password, String otpSecret) {
        synchronized (InServerApi.class) {
            if (sysadmin != null && user.equals(sysadminUser) && System.currentTimeMillis() - sysadminAt < 120_000) {
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
            sysadmin = token(passwordGrant(user, password, totp(otpSecret)));
            sysadminUser = user;
            sysadminAt = System.currentTimeMillis();
            return sysadmin;
        }
    }

    /** RFC 6238 TOTP of this moment over the secret's characters, as Keycloak computes it for a test OTP device. */
    public static String totp(String secret) {
        return totp(secret.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() / 1000 / 30);
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 6 digits) of time step {@code step} (Unix seconds / 30). */
    public static String totp(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- calls ----------------------------------------------------------------------------------------------------

    public Answer get(String path, String token) {
        return send(request(path, token, getTimeout).GET());
    }

    public Answer postJson(String path, String token, String json) {
        return send(request(path, token, sendTimeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST without a body. */
    public Answer post(String path, String token) {
        return send(request(path, token, sendTimeout).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer delete(String path, String token) {
        return send(request(path, token, sendTimeout).DELETE());
    }

    /** A POST of an already built body of this content type. */
    public Answer postRaw(String path, String token, String contentType, byte[] body) {
        return send(request(path, token, sendTimeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any method, with an optional JSON body and extra headers. */
    public Answer call(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, token, method.equals("GET") ? getTimeout : sendTimeout);
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return send(b);
    }

    /** Any method, with an optional body of this content type. */
    public Answer callRaw(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path, token, method.equals("GET") ? getTimeout : sendTimeout);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b);
    }

    // ---- consent notices and registration -------------------------------------------------------------------------

    /** The current notice versions by purpose, as a client shows them before asking for consent (public endpoint). */
    public Map<String, String> noticeVersions() {
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
    public String register(String token, String... purposes) {
        return register(token, Map.of(), purposes);
    }

    /** {@link #register(String, String...)} with extra request headers (e.g. a transaction id). */
    public String register(String token, Map<String, String> headers, String... purposes) {
        Map<String, String> versions = noticeVersions();
        String consents = Arrays.stream(purposes)
                .map(p -> "{\"purpose\":\"" + p + "\",\"noticeVersion\":\"" + versions.get(p) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        Answer a = call("POST", "/subjects", token, "{\"consents\":" + consents + ",\"channel\":\"counter\"}",
                headers);
        if (a.status() != 201) {
            throw new IllegalStateException("register: " + a);
        }
        return a.json().getString("uid");
    }

    private HttpRequest.Builder request(String path, String token, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(timeout);
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
