package com.facetrust.application.audit;

import com.facetrust.platform.InServerApi;

import java.time.Duration;
import java.util.Map;

/**
 * The REST API as the audit test's callers see it ({@link InServerApi}), with the credentials of
 * {@code AuditTestSetup}: operator and auditor (password grant), the test sysadmin (password + OTP, token kept and
 * one-time codes never reused), the internal application (client credentials). Calls may take 60 s.
 */
final class AuditApi extends InServerApi {

    AuditApi() {
        super("facetrust.it.audit.token-url", Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    String token(String role) {
        return switch (role) {
            case "operator" -> passwordToken("operator", System.getProperty("facetrust.it.audit.operator-password"));
            case "auditor" -> passwordToken("auditor", System.getProperty("facetrust.it.audit.auditor-password"));
            case "sysadmin" -> sysadminToken(System.getProperty("facetrust.it.audit.sysadmin-user"),
                    System.getProperty("facetrust.it.audit.sysadmin-password"),
                    System.getProperty("facetrust.it.audit.sysadmin-otp-secret"));
            case "internal-app" -> clientToken("facetrust-internal-app",
                    System.getProperty("facetrust.it.audit.internal-app-secret"));
            case "anonymous" -> null;
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** A POST with an optional JSON body. */
    Answer post(String path, String token, String json) {
        return call("POST", path, token, json, Map.of());
    }

    /** Registers a subject (privacy policy + face verification consents) and returns its UID. */
    String register(String token, Map<String, String> headers) {
        return register(token, headers, "PRIVACY_POLICY", "FACE_VERIFICATION");
    }
}
