package com.facetrust.infrastructure.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed decisions (A-5.7.4 a): ES256 JWS verifies, any change to it does not; keys survive restarts and rotation. */
class DecisionSigningTest {
    private static final char[] PASSWORD = "test-master-password".toCharArray();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;

    private static Map<String, ECPublicKey> byId(List<SigningKey> keys) {
        return keys.stream().collect(Collectors.toMap(SigningKey::keyId, SigningKey::publicKey));
    }

    @Test
    void signedPayloadVerifiesAndEveryTamperingFails() {
        DecisionSigningKeys keys = DecisionSigningKeys.open(dir.resolve("signing.p12"), PASSWORD, true);
        String payload = new JsonPayload().string("transactionId", "t-1").string("decision", "NO_MATCH")
                .string("code", "FT-5001").number("iat", 1_800_000_000L).text();
        String jws = CompactJws.sign(payload, keys.current());
        assertEquals(Optional.of(payload), CompactJws.verify(jws, byId(keys.all())));

        String[] parts = jws.split("\\.");
        // The payload changed to MATCH, signature kept.
        String forged = B64URL.encodeToString(payload.replace("NO_MATCH", "MATCH").getBytes(StandardCharsets.UTF_8));
        assertTrue(CompactJws.verify(parts[0] + "." + forged + "." + parts[2], byId(keys.all())).isEmpty());
        // One bit of the signature flipped.
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[5] ^= 1;
        assertTrue(CompactJws.verify(parts[0] + "." + parts[1] + "." + B64URL.encodeToString(sig),
                byId(keys.all())).isEmpty());
        // alg "none" with an empty signature, or a key id nobody published.
        String none = B64URL.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + keys.current().keyId() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(CompactJws.verify(none + "." + parts[1] + ".", byId(keys.all())).isEmpty());
        assertTrue(CompactJws.verify(jws, Map.of("other", keys.current().publicKey())).isEmpty());
        assertTrue(CompactJws.verify("not.a.jws!", byId(keys.all())).isEmpty());
        assertTrue(CompactJws.verify(null, byId(keys.all())).isEmpty());
    }

    @Test
    void keysPersistAcrossRestartsAndRotationKeepsOldKeysPublished() {
        Path file = dir.resolve("keys/decision-signing.p12");
        DecisionSigningKeys first = DecisionSigningKeys.open(file, PASSWORD, true);
        SigningKey v1 = first.current();
        String before = CompactJws.sign("{\"decision\":\"MATCH\"}", v1);

        DecisionSigningKeys reopened = DecisionSigningKeys.open(file, PASSWORD, false);
        assertEquals(v1.keyId(), reopened.current().keyId(), "the same key after a restart");

        SigningKey v2 = reopened.rotate();
        assertEquals(2, v2.version());
        assertNotEquals(v1.keyId(), v2.keyId());
        assertEquals(2, reopened.all().size());
        assertNull(reopened.all().get(1).privateKey(), "old keys only verify");
        assertTrue(CompactJws.verify(before, byId(reopened.all())).isPresent(), "decision signed before rotation");
        String after = CompactJws.sign("{\"decision\":\"MATCH\"}", reopened.current());
        assertTrue(after.split("\\.")[0].length() > 0);
        assertTrue(CompactJws.verify(after, byId(DecisionSigningKeys.open(file, PASSWORD, false).all())).isPresent());

        assertThrows(IllegalStateException.class, () -> DecisionSigningKeys.open(file, "wrong".toCharArray(), false));
        assertThrows(IllegalStateException.class,
                () -> DecisionSigningKeys.open(dir.resolve("absent.p12"), PASSWORD, false));
    }

    @Test
    void jwkSetCarriesThumbprintKeyIdsAndRebuildsThePublicKey() {
        DecisionSigningKeys keys = DecisionSigningKeys.open(dir.resolve("s.p12"), PASSWORD, true);
        keys.rotate();
        String jwks = JsonWebKeys.jwkSet(keys.all());
        Matcher m = Pattern.compile("\\{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"([^\"]+)\",\"y\":\"([^\"]+)\","
                + "\"kid\":\"([^\"]+)\",\"use\":\"sig\",\"alg\":\"ES256\"}").matcher(jwks);
        int n = 0;
        while (m.find()) {
            ECPublicKey rebuilt = JsonWebKeys.publicKey(m.group(1), m.group(2));
            SigningKey key = keys.all().get(n++);
            assertEquals(key.keyId(), m.group(3));
            assertEquals(key.publicKey().getW(), rebuilt.getW());
            assertEquals(key.keyId(), JsonWebKeys.thumbprint(rebuilt));
            assertEquals(43, m.group(1).length(), "32 bytes base64url");
        }
        assertEquals(2, n, jwks);
        assertFalse(jwks.contains("\"d\""), "never the private key");
    }

    @Test
    void payloadWriterEscapesAndOmitsNulls() {
        String json = new JsonPayload().string("a", "q\"\\\n\u0001").string("absent", null)
                .strings("r", List.of("x", "y")).object("o", new JsonPayload().number("n", 3)).text();
        assertEquals("{\"a\":\"q\\\"\\\\\\n\\u0001\",\"r\":[\"x\",\"y\"],\"o\":{\"n\":3}}", json);
    }
}
