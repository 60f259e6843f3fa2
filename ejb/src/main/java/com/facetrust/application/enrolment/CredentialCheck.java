package com.facetrust.application.enrolment;

/**
 * One check of the non-face way in (A-7.1b, B-5.5.2): the claimed subject, its password and a one-time code of its
 * TOTP second factor, the channel, and who asks from where (for the VERIFY attempt counters, A-5.7.5.1 e).
 * {@link #wipe()} zeroes the password.
 */
public record CredentialCheck(String uid, char[] password, String oneTimeCode, String channel, String clientId,
                              String deviceId, String sourceAddress) {

    public void wipe() {
        if (password != null) {
            java.util.Arrays.fill(password, '\0');
        }
    }
}
