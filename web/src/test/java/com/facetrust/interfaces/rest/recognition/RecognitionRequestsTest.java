package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.recognition.RecognitionRequest;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.interfaces.rest.RequestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recognition request bodies: both forms, frames with times, limits before reading, zeroed buffers. */
class RecognitionRequestsTest {

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static void assertZeroed(byte[] body) {
        for (byte x : body) {
            assertEquals(0, x, "request buffer zeroed");
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeReadingAByte() {
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read when Content-Length is over the limit");
            }
        };
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> RequestImages.readBounded(neverRead, 8_388_609, 8_388_608));
        assertEquals(FailureCode.REQUEST_TOO_LARGE, e.failureCode());
        assertEquals(413, e.failureCode().httpStatus());
        // Chunked (no length): stopped as soon as the limit is passed.
        assertEquals(FailureCode.REQUEST_TOO_LARGE, assertThrows(FaceTrustException.class,
                () -> RequestImages.readBounded(new ByteArrayInputStream(new byte[70_000]), -1, 65_536)).failureCode());
    }

    @Test
    void jsonVerificationWithImageAndFramesAndDepth() {
        byte[] f0 = random(500, 2);
        byte[] f1 = random(600, 3);
        ByteBuffer depth = ByteBuffer.allocate(2 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            depth.putFloat(400f + i);
        }
        byte[] body = ("{\"uid\":\" abc \",\"channel\":\"mobile\",\"frames\":["
                + "{\"image\":\"" + b64(f0) + "\",\"t\":0},{\"image\":\"" + b64(f1) + "\",\"t\":66}],"
                + "\"challengeNonce\":\"n-1\",\"oneTimeCode\":\"123456\",\"deviceStatus\":\"OK\","
                + "\"depth\":{\"width\":3,\"height\":2,\"millimetres\":\"" + b64(depth.array()) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        RecognitionRequest r = RecognitionRequests.fromJson(body, 90);
        assertZeroed(body);
        assertEquals("abc", r.subjectUid());
        assertEquals("mobile", r.channel());
        assertArrayEquals(f0, r.probe(), "the first frame is the probe");
        assertEquals(2, r.evidenceFrames().size(), "frames are the liveness evidence");
        assertArrayEquals(new long[]{0, 66}, r.frameMillis());
        assertEquals("n-1", r.challengeNonce());
        assertEquals("123456", r.oneTimeCode());
        assertEquals(405f, r.depth().at(2, 1));
        assertFalse(r.deviceFault());
        byte[] probe = r.probe();
        byte[] frame = r.frames().get(0);
        r.zero();
        assertZeroed(probe);
        assertZeroed(frame);
    }

    @Test
    void aSingleImageIsProbeAndEvidence() {
        byte[] image = random(300, 8);
        RecognitionRequest r = RecognitionRequests.fromJson(("{\"channel\":\"counter\",\"uid\":\"u\",\"image\":\""
                + b64(image) + "\"}").getBytes(StandardCharsets.UTF_8), 90);
        assertArrayEquals(image, r.probe());
        assertEquals(1, r.evidenceFrames().size());
        assertNull(r.frameMillis());
    }

    @Test
    void firstFrameIsTheProbeWithoutImageAndDeviceFaultIsRead() {
        byte[] f0 = random(100, 4);
        RecognitionRequest r = RecognitionRequests.fromJson(("{\"channel\":\"web\",\"frames\":[{\"image\":\""
                + b64(f0) + "\",\"t\":0}],\"deviceStatus\":\"FAULT\"}").getBytes(StandardCharsets.UTF_8), 90);
        assertArrayEquals(f0, r.probe());
        assertTrue(r.deviceFault());
        assertNull(r.subjectUid());
    }

    @Test
    void malformedJsonAndTooManyFramesAre400() {
        for (String bad : new String[]{"{", "[]", "{\"channel\":3}", "{\"image\":5}",
                "{\"frames\":[{\"image\":\"AAAA\",\"t\":5},{\"image\":\"AAAA\",\"t\":1}]}",
                "{\"image\":\"AAAA\",\"frames\":[{\"image\":\"AAAA\",\"t\":0}]}", "{\"frames\":[{\"t\":1}]}", "{\"deviceStatus\":\"BROKEN\"}",
                "{\"depth\":{\"width\":2,\"height\":2,\"millimetres\":\"AAAA\"}}"}) {
            FaceTrustException e = assertThrows(FaceTrustException.class,
                    () -> RecognitionRequests.fromJson(bad.getBytes(StandardCharsets.UTF_8), 90), bad);
            assertEquals(FailureCode.BAD_REQUEST, e.failureCode(), bad);
        }
        StringBuilder frames = new StringBuilder("{\"frames\":[");
        for (int i = 0; i < 4; i++) {
            frames.append(i == 0 ? "" : ",").append("{\"image\":\"AAAA\",\"t\":").append(i).append('}');
        }
        FaceTrustException tooMany = assertThrows(FaceTrustException.class, () -> RecognitionRequests.fromJson(
                frames.append("]}").toString().getBytes(StandardCharsets.UTF_8), 3));
        assertEquals(FailureCode.BAD_REQUEST, tooMany.failureCode());
        assertEquals("max-frames:3", tooMany.reasons().get(0));
    }

    @Test
    void multipartWithTextPartsImagesAndTimedFrames() throws Exception {
        byte[] id = random(700, 5);
        byte[] f0 = "\r\n--b\r\n binary with CRLF".getBytes(StandardCharsets.ISO_8859_1);
        byte[] f1 = random(60, 7);
        String boundary = "ft-123";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, boundary, "channel", "counter");
        file(out, boundary, "idPhoto", id);
        file(out, boundary, "frame", f0);
        text(out, boundary, "t", "0");
        file(out, boundary, "frame", f1);
        text(out, boundary, "t", "40");
        text(out, boundary, "note", "ignored");
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = out.toByteArray();
        RecognitionRequest r = RecognitionRequests.fromMultipart(body, "multipart/form-data; boundary=" + boundary, 90);
        assertZeroed(body);
        assertEquals("counter", r.channel());
        assertArrayEquals(id, r.idPhoto());
        assertArrayEquals(f0, r.probe());
        assertArrayEquals(f1, r.frames().get(1));
        assertArrayEquals(new long[]{0, 40}, r.frameMillis());

        ByteArrayOutputStream noTimes = new ByteArrayOutputStream();
        file(noTimes, boundary, "frame", f0);
        noTimes.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(FailureCode.BAD_REQUEST, assertThrows(FaceTrustException.class, () -> RecognitionRequests
                .fromMultipart(noTimes.toByteArray(), "multipart/form-data; boundary=" + boundary, 90)).failureCode());
        ByteArrayOutputStream twoImages = new ByteArrayOutputStream();
        file(twoImages, boundary, "image", f0);
        file(twoImages, boundary, "image", f1);
        twoImages.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(FailureCode.BAD_REQUEST, assertThrows(FaceTrustException.class, () -> RecognitionRequests
                .fromMultipart(twoImages.toByteArray(), "multipart/form-data; boundary=" + boundary, 90))
                .failureCode());
    }

    @Test
    void deviceHeaderIsTrimmedAndBounded() {
        assertEquals("kiosk-7", RecognitionRequests.deviceId("  kiosk-7 "));
        assertNull(RecognitionRequests.deviceId("x".repeat(65)));
        assertNull(RecognitionRequests.deviceId("with space"));
        assertNull(RecognitionRequests.deviceId(null));
    }

    private static void text(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void file(ByteArrayOutputStream out, String boundary, String name, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"f.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
