package com.facetrust.application.enrolment;

/**
 * The second factor as handed to the subject once, to load into an authenticator app; FaceTrust keeps it only
 * encrypted under the subject's data key.
 *
 * @param secret     base32 TOTP secret
 * @param otpauthUri {@code otpauth://totp/...} for a QR code
 */
public record SecondFactorSetup(String uid, String secret, String otpauthUri) {
}
