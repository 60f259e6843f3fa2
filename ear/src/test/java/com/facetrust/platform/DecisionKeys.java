package com.facetrust.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.facetrust.infrastructure.signing.CompactJws;
import com.facetrust.infrastructure.signing.JsonWebKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;

/** What a relying application does with a signed decision: read the JWK Set, check the JWS, read its claims. */
public final class DecisionKeys {

    private DecisionKeys() {
    }

    /** The keys of {@code GET /api/v1/decisions/keys} by key id; every one ES256 and public only. */
    public static Map<String, ECPublicKey> parse(String jwks) {
        Map<String, ECPublicKey> keys = new HashMap<>();
        try (JsonReader r = Json.createReader(new StringReader(jwks))) {
            for (JsonValue v : r.readObject().getJsonArray("keys")) {
                JsonObject k = v.asJsonObject();
                assertEquals("ES256", k.getString("alg"));
                assertFalse(k.containsKey("d"), "never a private key");
                keys.put(k.getString("kid"), JsonWebKeys.publicKey(k.getString("x"), k.getString("y")));
            }
        }
        return keys;
    }

    /** The claims of a JWS that verifies under one of the keys; an AssertionError when none does. */
    public static JsonObject verifiedClaims(String jws, Map<String, ECPublicKey> keys) {
        String payload = CompactJws.verify(jws, keys).orElseThrow(() -> new AssertionError("JWS does not verify"));
        try (JsonReader r = Json.createReader(new StringReader(payload))) {
            return r.readObject();
        }
    }
}
