package com.facetrust.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The account rules of the realm as code, checked on a real Keycloak started from the project's script and realm
 * JSON: password policy and lock-out after repeated failures. OTP for the sysadmin demo account
 * is checked in {@link ApiSecurityIT#demoAdminMustSetUpOtp()}.
 */
class KeycloakRealmPolicyIT {

    private final KeycloakTestServer keycloak = KeycloakTestServer.get();

    @Test
    void weakPasswordsAreRefused() {
        String suffix = Long.toHexString(System.nanoTime());
        for (String weak : List.of("Sh0rt!", "alllowercase1!", "ALLUPPERCASE1!", "NoDigitsHere!", "NoSpecials123")) {
            HttpResponse<String> refused = keycloak.createUser("it-weak-" + suffix + "-" + weak.length(), weak);
            assertEquals(400, refused.statusCode(), weak + ": " + refused.body());
            assertTrue(refused.body().toLowerCase().contains("password"), weak + ": " + refused.body());
        }
        HttpResponse<String> accepted = keycloak.createUser("it-strong-" + suffix, "Strong-" + suffix + "!1aA");
        assertEquals(201, accepted.statusCode(), accepted.body());
    }

    @Test
    void accountIsLockedAfterFiveFailedLogins() {
        String username = "it-lockout-" + Long.toHexString(System.nanoTime());
        String password = "Lockout-" + Long.toHexString(System.nanoTime()) + "!2bC";
        keycloak.ensureUser(username, password, List.of("operator"));
        assertEquals(200, keycloak.passwordGrant(username, password).statusCode(), "works before the failures");

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = keycloak.passwordGrant(username, password + "x" + i);
            assertTrue(wrong.body().contains("invalid_grant"), wrong.statusCode() + " " + wrong.body());
        }
        // Locked: even the right password is refused now (brute-force protection, wait grows to 15 min).
        HttpResponse<String> locked = keycloak.passwordGrant(username, password);
        assertTrue(locked.statusCode() == 400 || locked.statusCode() == 401, locked.statusCode() + " " + locked.body());
        assertTrue(locked.body().contains("invalid_grant"), locked.body());
    }
}
