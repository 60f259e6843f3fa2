package com.facetrust.platform;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real Keycloak tokens for tests that run inside the server: {@link #fetch} posts a token request to the test
 * Keycloak ({@code facetrust.it.token-url}, set by the setup tasks); {@link #sysadminGrant} is the password grant of
 * the test sysadmin that {@code SysadminTestSetup} made — user, password and a one-time code computed from the OTP
 * secret (TOTP, SHA-1, 6 digits, 30 s), as a sysadmin cannot log in without one. Plain JDK only; in-server
 * tests add this class to their deployment.
 */
public final class InServerTokens {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private InServerTokens() {
    }

    /** The access token a token request with this form gets; fails with Keycloak's answer otherwise. */
    public static String fetch(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty(
                        "facetrust.it.token-url"))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** The form of a token request for the {@code facetrust-cli} client. */
    public static Map<String, String> sysadminGrant() throws Exception {
        String secret = System.getProperty("facetrust.it.sysadmin-otp-secret");
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 1000 / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", sysadminUser(),
                "password", System.getProperty("facetrust.it.sysadmin-password"),
                "totp", String.format("%06d", binary % 1_000_000));
    }

    /** The test sysadmin's user name. */
    public static String sysadminUser() {
        return System.getProperty("facetrust.it.sysadmin-user");
    }
}
