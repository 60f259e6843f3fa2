package com.facetrust.application.enrolment;

import com.facetrust.platform.InServerApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lifecycle API as a client sees it ({@link InServerApi}: in-server loopback HTTP, real Keycloak tokens): the
 * demo operator (password grant) and the internal application (client credentials), and the enrolment bodies (JSON
 * and multipart).
 */
final class LifecycleApi extends InServerApi {

    String operatorToken() {
        return passwordToken("operator", System.getProperty("facetrust.it.operator-password"));
    }

    String internalAppToken() {
        return clientToken("facetrust-internal-app", System.getProperty("facetrust.it.internal-app-secret"));
    }

    /** {@code {"images": [base64...]}}. */
    Answer enrolJson(String uid, String token, List<byte[]> images) {
        String json = images.stream().map(i -> "\"" + Base64.getEncoder().encodeToString(i) + "\"")
                .collect(Collectors.joining(",", "{\"images\":[", "]}"));
        return postJson("/subjects/" + uid + "/references", token, json);
    }

    /** multipart/form-data with one part named image per image. */
    Answer enrolMultipart(String uid, String token, List<byte[]> images) {
        String boundary = "ft-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < images.size(); i++) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face"
                        + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                body.write(images.get(i));
                body.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return postRaw("/subjects/" + uid + "/references", token, "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
    }
}
