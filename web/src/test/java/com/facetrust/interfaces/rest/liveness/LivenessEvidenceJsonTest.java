package com.facetrust.interfaces.rest.liveness;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessEvidence;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The evidence fields every liveness-taking endpoint reads the same way (issue 6; docs/api.md "Liveness"). */
class LivenessEvidenceJsonTest {

    private static final String A = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    private static final String B = Base64.getEncoder().encodeToString(new byte[] {4, 5});

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static FailureCode failure(String text) {
        return assertThrows(FaceTrustException.class, () -> LivenessEvidenceJson.from(json(text))).failureCode();
    }

    @Test
    void framesWithAbsoluteTimesBecomeRelative() {
        LivenessEvidence e = LivenessEvidenceJson.from(json("{\"frames\":[{\"image\":\"" + A + "\",\"t\":1700000000000},"
                + "{\"image\":\"" + B + "\",\"t\":1700000000067}],\"challengeNonce\":\"n1\"}"));
        assertEquals(2, e.frames().size());
        assertArrayEquals(new byte[] {4, 5}, e.frames().get(1));
        assertArrayEquals(new long[] {0, 67}, e.timestampsMillis());
        assertEquals("n1", e.challengeNonce());
        assertNull(e.depth());
    }

    @Test
    void aSingleImageNeedsNoTime() {
        LivenessEvidence e = LivenessEvidenceJson.from(json("{\"image\":\"" + A + "\"}"));
        assertEquals(1, e.frames().size());
        assertNull(e.timestampsMillis());
        assertEquals(0, LivenessEvidenceJson.from(json("{\"channel\":\"kiosk\"}")).frames().size());
    }

    @Test
    void malformedEvidenceIsABadRequest() {
        for (String bad : List.of(
                "{\"frames\":[{\"image\":\"" + A + "\"},{\"image\":\"" + B + "\"}]}",            // no t on a burst
                "{\"frames\":[{\"image\":\"" + A + "\",\"t\":5},{\"image\":\"" + B + "\",\"t\":5}]}", // not increasing
                "{\"frames\":[{\"image\":\"" + A + "\",\"t\":1.5}]}",                             // not whole ms
                "{\"frames\":\"x\"}", "{\"frames\":[7]}", "{\"frames\":[{\"t\":0}]}",
                "{\"image\":\"" + A + "\",\"frames\":[{\"image\":\"" + B + "\",\"t\":0}]}",    // both
                "{\"image\":\"" + A + "\",\"challengeNonce\":5}",
                "{\"image\":\"" + A + "\",\"depth\":{\"width\":2,\"height\":1,\"millimetres\":\"AAAA\"}}",
                "{\"image\":\"" + A + "\",\"depth\":{\"width\":0,\"height\":1,\"millimetres\":\"\"}}",
                "{\"image\":\"" + A + "\",\"depth\":[1,2]}")) {
            assertEquals(FailureCode.BAD_REQUEST, failure(bad), bad);
        }
    }

    @Test
    void depthIsLittleEndianFloat32Millimetres() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(512.5f).putFloat(Float.NaN);
        String mm = Base64.getEncoder().encodeToString(b.array());
        LivenessEvidence e = LivenessEvidenceJson.from(json("{\"image\":\"" + A
                + "\",\"depth\":{\"width\":2,\"height\":1,\"millimetres\":\"" + mm + "\"}}"));
        assertEquals(2, e.depth().width());
        assertEquals(512.5f, e.depth().at(0, 0));
        assertEquals(Float.NaN, e.depth().at(1, 0));
    }

    @Test
    void zeroWipesEveryFrame() {
        LivenessEvidence e = LivenessEvidenceJson.from(json("{\"image\":\"" + A + "\"}"));
        LivenessEvidenceJson.zero(e);
        assertArrayEquals(new byte[3], e.frames().get(0));
    }
}
