package com.facetrust.interfaces.rest.subjects;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.interfaces.rest.RequestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory reading of enrolment bodies: limits, the three forms, zeroed buffers (A-7.2a). */
class EnrolmentImagesTest {

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void declaredOrActualLengthOverTheLimitIs413() {
        FaceTrustException declared = assertThrows(FaceTrustException.class,
                () -> RequestImages.readBounded(InputStream.nullInputStream(), 1001, 1000));
        assertEquals(FailureCode.REQUEST_TOO_LARGE, declared.failureCode());
        // Chunked: no length declared, the stream itself is longer than allowed.
        FaceTrustException actual = assertThrows(FaceTrustException.class,
                () -> RequestImages.readBounded(new ByteArrayInputStream(new byte[50_000]), -1, 40_000));
        assertEquals(FailureCode.REQUEST_TOO_LARGE, actual.failureCode());
        byte[] exact = random(40_000, 1);
        assertArrayEquals(exact, RequestImages.readBounded(new ByteArrayInputStream(exact), -1, 40_000));
    }

    @Test
    void jsonImagesAreDecodedAndTheBodyZeroed() {
        byte[] a = random(3000, 2);
        byte[] b = random(10, 3);
        byte[] body = ("{\"note\":\"x\",\"images\":[\"" + Base64.getEncoder().encodeToString(a) + "\",\""
                + Base64.getEncoder().encodeToString(b) + "\"],\"other\":[\"AAAA\"]}").getBytes(StandardCharsets.UTF_8);
        List<byte[]> images = EnrolmentImages.fromJson(body);
        assertEquals(2, images.size());
        assertArrayEquals(a, images.get(0));
        assertArrayEquals(b, images.get(1));
        for (byte x : body) {
            assertEquals(0, x, "request buffer zeroed");
        }
        assertEquals(FailureCode.BAD_REQUEST, assertThrows(FaceTrustException.class,
                () -> EnrolmentImages.fromJson("{\"images\":[\"!!not base64\"]}".getBytes())).failureCode());
        assertEquals(FailureCode.BAD_REQUEST, assertThrows(FaceTrustException.class,
                () -> EnrolmentImages.fromJson("{\"images\":[".getBytes())).failureCode());
    }

    @Test
    void multipartPartsNamedImageAreExtractedBinarySafe() {
        byte[] a = random(5000, 4);
        // Binary content that contains CRLF and dashes must survive untouched.
        byte[] b = "\r\n--not-the-boundary\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String boundary = "XyZ-123";
        byte[] body = concat(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"channel\"\r\n\r\nweb\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                a,
                ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=image\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                b,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        List<byte[]> images = EnrolmentImages.fromMultipart(body, "multipart/form-data; boundary=\"" + boundary + "\"");
        assertEquals(2, images.size());
        assertArrayEquals(a, images.get(0));
        assertArrayEquals(b, images.get(1));
        for (byte x : body) {
            assertEquals(0, x);
        }
    }

    @Test
    void malformedMultipartIs400() {
        for (String body : List.of("no boundary at all", "--b\r\nContent-Disposition: form-data; name=image",
                "--b\r\nContent-Disposition: form-data; name=image\r\n\r\nunterminated")) {
            FaceTrustException e = assertThrows(FaceTrustException.class,
                    () -> EnrolmentImages.fromMultipart(body.getBytes(StandardCharsets.ISO_8859_1),
                            "multipart/form-data; boundary=b"));
            assertEquals(FailureCode.BAD_REQUEST, e.failureCode(), body);
        }
        assertTrue(assertThrows(FaceTrustException.class, () -> EnrolmentImages.fromMultipart(new byte[0],
                "multipart/form-data")).getMessage().contains("boundary"));
    }

    /** Issue 6: multipart enrolment with MULTI_FRAME/CHALLENGE evidence (frame parts, frameTimes, challengeNonce). */
    @Test
    void multipartEvidencePartsBecomeTheLivenessEvidence() {
        byte[] f1 = random(700, 5);
        byte[] f2 = random(800, 6);
        String boundary = "ev1";
        byte[] body = concat(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"frame\"\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), f1,
                ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"frame\"\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), f2,
                ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"frameTimes\"\r\n\r\n1000, 1067"
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"challengeNonce\"\r\n\r\n"
                        + "q1Vd0Jc3Yt7nq8m9QwE2Zg\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        EnrolmentImages.WithEvidence parts = EnrolmentImages.fromMultipartWithEvidence(body,
                "multipart/form-data; boundary=" + boundary);
        assertTrue(parts.images().isEmpty(), "no image parts: the evidence alone is enrolled");
        assertEquals(2, parts.liveness().frames().size());
        assertArrayEquals(f1, parts.liveness().frames().get(0));
        assertArrayEquals(f2, parts.liveness().frames().get(1));
        assertArrayEquals(new long[] {0, 67}, parts.liveness().timestampsMillis(), "relative to the first frame");
        assertEquals("q1Vd0Jc3Yt7nq8m9QwE2Zg", parts.liveness().challengeNonce());
        for (byte x : body) {
            assertEquals(0, x, "request buffer zeroed");
        }

        byte[] imageOnly = ("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nJPEG\r\n--b--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        EnrolmentImages.WithEvidence noEvidence = EnrolmentImages.fromMultipartWithEvidence(imageOnly,
                "multipart/form-data; boundary=b");
        assertEquals(1, noEvidence.images().size());
        assertEquals(null, noEvidence.liveness(), "no frame parts: no evidence (the service answers FT-6007)");
    }

    @Test
    void burstFrameTimesAreRequiredCountedAndIncreasing() {
        assertEquals(null, EnrolmentImages.frameTimes(null, 1), "one frame needs no time");
        assertArrayEquals(new long[] {0, 50, 120}, EnrolmentImages.frameTimes("10,60,130", 3));
        for (String bad : new String[] {null, "0,67", "0,67,67", "0,x,133", "0,67,50"}) {
            FaceTrustException e = assertThrows(FaceTrustException.class, () -> EnrolmentImages.frameTimes(bad, 3),
                    String.valueOf(bad));
            assertEquals(FailureCode.BAD_REQUEST, e.failureCode());
            assertEquals(List.of("frameTimes"), e.reasons());
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }
}
