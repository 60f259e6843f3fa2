package com.facetrust.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.facetrust.platform.DeployedEar;

/**
 * The REST API's security against a real Keycloak and the real EAR (D-8.1.4b every call authenticates its caller,
 * three separated duties, D-8.2.3d internal applications by client role, A-5.7.5.2 coded failures):
 * each role reaches its own endpoint (200) and no other (403 FT-3002); no token, a malformed, forged, foreign-realm
 * or expired token gets 401 FT-3001 with a JSON body — never a 500; the caller's identity reaches the
 * {@code @RolesAllowed} EJB.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(KeycloakServerSetup.class)
class ApiSecurityIT {

    private static final int OFFSET = Integer.getInteger("facetrust.test.port.offset", 10000);
    private static final String API = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust/api/v1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Test-only sysadmin with an OTP device set up through the admin API (a sysadmin cannot log in without). */
    private static final String IT_SYSADMIN = "it-sysadmin";
    private static final String IT_PASSWORD = "It-Sysadmin-" + Long.toHexString(System.nanoTime()) + "!9a";

    private static KeycloakTestServer keycloak;
    private static Map<String, String> tokens;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return DeployedEar.asBuilt();
    }

    @BeforeAll
    static void tokens() {
        keycloak = KeycloakTestServer.get();
        keycloak.ensureUser(IT_SYSADMIN, IT_PASSWORD, List.of("sysadmin"), true);
        tokens = Map.of(
                "sysadmin", keycloak.passwordToken(IT_SYSADMIN, IT_PASSWORD, true),
                "operator", keycloak.passwordToken("operator", keycloak.secret("FACETRUST_OPERATOR_PASSWORD")),
                "auditor", keycloak.passwordToken("auditor", keycloak.secret("FACETRUST_AUDITOR_PASSWORD")),
                "internal-app", keycloak.clientCredentialsToken("facetrust-internal-app",
                        keycloak.secret("FACETRUST_INTERNAL_APP_SECRET")));
    }

    /** Endpoint, method, and the one caller it admits. */
    private record Probe(String path, String method, String admits) {
    }

    private static final List<Probe> PROBES = List.of(
            new Probe("/admin/ping", "GET", "sysadmin"),
            new Probe("/operator/ping", "GET", "operator"),
            new Probe("/audit/ping", "GET", "auditor"),
            new Probe("/verify/ping", "POST", "internal-app"),
            // No role check on the REST resource: the EJB container alone admits or refuses (console access check).
            new Probe("/me/duties/sysadmin", "GET", "sysadmin"),
            new Probe("/me/duties/operator", "GET", "operator"),
            new Probe("/me/duties/auditor", "GET", "auditor"));

    @Test
    void eachRoleReachesItsOwnEndpointOnlyAndTheEjbSeesTheSameCaller() throws Exception {
        for (Probe probe : PROBES) {
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                HttpResponse<String> response = call(probe.method(), probe.path(), caller.getValue());
                String what = caller.getKey() + " " + probe.method() + " " + probe.path() + ": " + response.body();
                if (caller.getKey().equals(probe.admits())) {
                    assertEquals(200, response.statusCode(), what);
                    // The EJB behind the endpoint answers with the principal it received and its role check.
                    assertTrue(response.body().contains("\"checkedBy\":\"as"), what);
                    String expectedName = caller.getKey().equals("sysadmin") ? IT_SYSADMIN
                            : caller.getKey().equals("internal-app") ? "service-account-facetrust-internal-app"
                            : caller.getKey();
                    assertTrue(response.body().contains("\"name\":\"" + expectedName + "\""), what);
                } else {
                    assertFailure(response, 403, "FT-3002", what);
                }
            }
        }
    }

    @Test
    void meShowsTheCallerFromTokenAndEjb() throws Exception {
        HttpResponse<String> response = call("GET", "/me", tokens.get("operator"));
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        assertTrue(body.contains("\"name\":\"operator\""), body);
        assertTrue(body.contains("\"groups\":[\"operator\"]"), body);
        assertTrue(body.contains("\"issuer\":\"" + KeycloakTestServer.REALM_URL + "\""), body);
        assertTrue(body.contains("\"ejb\":{\"checkedBy\":\"whoAmI\",\"name\":\"operator\",\"roles\":[\"operator\"]}"),
                body);

        HttpResponse<String> app = call("GET", "/me", tokens.get("internal-app"));
        assertEquals(200, app.statusCode(), app.body());
        assertTrue(app.body().contains("\"roles\":[\"enrol\",\"verify\",\"identify\"]"), app.body());
    }

    @Test
    void anUnknownDutyIs404() throws Exception {
        assertFailure(call("GET", "/me/duties/superuser", tokens.get("operator")), 404, "FT-3004", "unknown duty");
    }

    @Test
    void noTokenIs401WithCodeOnEveryEndpoint() throws Exception {
        for (Probe probe : PROBES) {
            assertFailure(call(probe.method(), probe.path(), null), 401, "FT-3001", probe.path());
        }
        HttpResponse<String> me = call("GET", "/me", null);
        assertFailure(me, 401, "FT-3001", "/me");
        assertEquals("Bearer realm=\"facetrust\"", me.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void malformedAndTamperedTokensAre401() throws Exception {
        assertFailure(call("GET", "/operator/ping", "garbage"), 401, "FT-3001", "garbage");
        String operator = tokens.get("operator");
        String[] parts = operator.split("\\.");
        // Same header and signature, payload claiming sysadmin: the signature no longer matches.
        String forgedPayload = base64Url(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[\"operator\"]", "\"groups\":[\"sysadmin\"]"));
        assertFailure(call("GET", "/admin/ping", parts[0] + "." + forgedPayload + "." + parts[2]), 401, "FT-3001",
                "tampered payload");
    }

    /** The case that gave a bare 500 on WildFly (unknown key id): must be the caller's 401. */
    @Test
    void tokenSignedByForeignKeyIs401NotServerError() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"foreign-key\"}");
        String payload = base64Url("{\"iss\":\"" + KeycloakTestServer.REALM_URL + "\",\"aud\":\"facetrust-api\","
                + "\"upn\":\"intruder\",\"groups\":[\"sysadmin\"],\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(foreign.getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String forged = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        assertFailure(call("GET", "/admin/ping", forged), 401, "FT-3001", "foreign key");
        assertFailure(call("GET", "/me", keycloak.masterRealmAdminToken()), 401, "FT-3001", "master realm token");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        int lifespan = 2;
        String secret = keycloak.ensureShortLivedClient("it-short-lived", lifespan);
        String token = keycloak.clientCredentialsToken("it-short-lived", secret);
        assertEquals(200, call("GET", "/me", token).statusCode(), "fresh short-lived token is accepted");
        // lifespan + the configured clock skew (mp.jwt.verify.clock.skew) + a margin
        Thread.sleep((lifespan + 5 + 2) * 1000L);
        assertFailure(call("GET", "/me", token), 401, "FT-3001", "expired token");
    }

    /** the sysadmin demo account cannot get a token before it has set up OTP. */
    @Test
    void demoAdminMustSetUpOtp() {
        HttpResponse<String> refused = keycloak.passwordGrant("admin", keycloak.secret("FACETRUST_ADMIN_PASSWORD"));
        // The realm's direct-grant flow denies a sysadmin without an OTP device (Keycloak answers 401 "Access denied").
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(!refused.body().contains("access_token"), refused.body());
    }

    /**
     * by role, not by account: any sysadmin — also one made later without the demo account's required
     * action — needs an OTP; the right password alone is refused. People of other roles log in without one.
     */
    @Test
    void everySysadminNeedsAnOtp() {
        String username = "it-sysadmin-without-otp";
        String password = "It-NoOtp-" + Long.toHexString(System.nanoTime()) + "!3c";
        keycloak.ensureUser(username, password, List.of("sysadmin"));
        HttpResponse<String> noDevice = keycloak.passwordGrant(username, password);
        assertEquals(401, noDevice.statusCode(), noDevice.body());
        assertTrue(!noDevice.body().contains("access_token"), noDevice.body());

        HttpResponse<String> noCode = keycloak.passwordGrant(IT_SYSADMIN, IT_PASSWORD);
        assertEquals(400, noCode.statusCode(), "sysadmin with a device but no code: " + noCode.body());
        assertTrue(noCode.body().contains("invalid_grant"), noCode.body());

        // The same role check does not touch other duties: an operator still logs in with the password alone.
        assertEquals(200, keycloak.passwordGrant("operator", keycloak.secret("FACETRUST_OPERATOR_PASSWORD"))
                .statusCode());
    }

    @Test
    void unknownPathIsCoded404() throws Exception {
        assertFailure(call("GET", "/no/such/thing", tokens.get("operator")), 404, "FT-3004", "unknown path");
    }

    private static void assertFailure(HttpResponse<String> response, int status, String code, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                what + ": not JSON: " + response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("\"code\":\"" + code + "\""), what + ": " + response.body());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "),
                what + ": leaks internals: " + response.body());
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(API + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
