package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.recognition.RecognitionRequest;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.interfaces.rest.RequestImages;
import com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns a recognition request body (already read in memory under the byte limit) into a {@link RecognitionRequest}.
 *
 * <p>JSON: {@code {"channel", "uid"?, "gallery"?, "idPhoto"?: base64, "oneTimeCode"?, "deviceStatus"?:
 * "OK"|"FAULT"}} plus the liveness evidence fields every liveness-taking endpoint shares ({@link LivenessEvidenceJson}:
 * {@code "image"} or {@code "frames": [{"image", "t"}]}, {@code "challengeNonce"}, {@code "depth"}).
 * Multipart: text parts {@code channel, uid, gallery, challengeNonce, oneTimeCode, deviceStatus}, file parts
 * {@code image}, {@code idPhoto}, and repeated {@code frame} parts with as many {@code t} parts in the same order
 * (no depth map in multipart). Anything malformed → FT-3003; more frames than allowed → FT-3003. The body buffer is
 * zeroed; on failure every decoded image is zeroed too.
 */
final class RecognitionRequests {
    private RecognitionRequests() {
    }

    static RecognitionRequest fromJson(byte[] body, int maxFrames) {
        List<byte[]> decoded = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject json = reader.readObject();
            // image | frames, challengeNonce, depth: the same shape as every liveness-taking endpoint
            LivenessEvidence evidence = LivenessEvidenceJson.from(json);
            decoded.addAll(evidence.frames());
            requireFrameCount(evidence.frames().size(), maxFrames);
            byte[] idPhoto = image(json, "idPhoto", decoded);
            return new RecognitionRequest(text(json, "channel"), text(json, "uid"), text(json, "gallery"), null,
                    idPhoto, evidence.frames(), evidence.timestampsMillis(), evidence.challengeNonce(),
                    text(json, "oneTimeCode"), evidence.depth(), deviceFault(text(json, "deviceStatus")));
        } catch (FaceTrustException e) {
            RequestImages.zero(decoded);
            throw e;
        } catch (JsonException | ClassCastException | IllegalArgumentException | ArithmeticException
                 | IllegalStateException e) {
            RequestImages.zero(decoded);
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected a JSON object such as {\"channel\": "
                    + "\"counter\", \"uid\": \"…\", \"image\": \"<base64>\"}", List.of(), e);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    static RecognitionRequest fromMultipart(byte[] body, String contentType, int maxFrames) {
        List<RequestImages.Part> parts = RequestImages.multipart(body, contentType); // zeroes body
        try {
            String channel = null;
            String uid = null;
            String gallery = null;
            String nonce = null;
            String code = null;
            String status = null;
            byte[] image = null;
            byte[] idPhoto = null;
            List<byte[]> frames = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (RequestImages.Part p : parts) {
                String name = p.name() == null ? "" : p.name();
                switch (name) {
                    case "channel" -> channel = p.text().strip();
                    case "uid" -> uid = p.text().strip();
                    case "gallery" -> gallery = p.text().strip();
                    case "challengeNonce" -> nonce = p.text().strip();
                    case "oneTimeCode" -> code = p.text().strip();
                    case "deviceStatus" -> status = p.text().strip();
                    case "image" -> image = single(image, p, "image");
                    case "idPhoto" -> idPhoto = single(idPhoto, p, "idPhoto");
                    case "frame" -> frames.add(p.content());
                    case "t" -> times.add(Long.parseLong(p.text().strip()));
                    default -> {
                        // unknown parts are ignored (and zeroed below)
                    }
                }
            }
            requireFrameCount(frames.size(), maxFrames);
            if (image != null && !frames.isEmpty()) {
                throw bad("send either image or frame parts, not both");
            }
            if (!frames.isEmpty() && times.size() != frames.size()) {
                throw bad("each frame part needs a t part (capture time in ms), in the same order");
            }
            RecognitionRequest request = new RecognitionRequest(channel, uid, gallery, image, idPhoto, frames,
                    frames.isEmpty() ? null : times.stream().mapToLong(Long::longValue).toArray(), nonce, code, null,
                    deviceFault(status));
            for (RequestImages.Part p : parts) {
                if (!List.of("image", "idPhoto", "frame").contains(String.valueOf(p.name()))) {
                    RequestImages.zero(p.content());
                }
            }
            return request;
        } catch (FaceTrustException e) {
            RequestImages.zeroParts(parts);
            throw e;
        } catch (NumberFormatException e) {
            RequestImages.zeroParts(parts);
            throw bad("t parts must be whole milliseconds");
        }
    }

    private static byte[] single(byte[] previous, RequestImages.Part part, String name) {
        if (previous != null) {
            throw bad("only one " + name + " part is allowed");
        }
        return part.content();
    }

    private static void requireFrameCount(int n, int maxFrames) {
        if (n > maxFrames) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "at most " + maxFrames + " frames per request",
                    List.of("max-frames:" + maxFrames));
        }
    }

    private static boolean deviceFault(String status) {
        if (status == null || status.isEmpty() || status.equalsIgnoreCase("OK")) {
            return false;
        }
        if (status.equalsIgnoreCase("FAULT")) {
            return true;
        }
        throw bad("deviceStatus must be OK or FAULT");
    }

    private static String text(JsonObject json, String name) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw bad(name + " must be a string");
        }
        return ((JsonString) v).getString().strip();
    }

    private static byte[] image(JsonObject json, String name, List<byte[]> decoded) {
        String encoded = text(json, name);
        if (encoded == null) {
            return null;
        }
        byte[] image = Base64.getMimeDecoder().decode(encoded);
        decoded.add(image);
        return image;
    }

    private static FaceTrustException bad(String why) {
        return new FaceTrustException(FailureCode.BAD_REQUEST, why);
    }

    /** The device id a caller declares: trimmed, at most 64 printable ASCII characters, else none. */
    static String deviceId(String header) {
        if (header == null) {
            return null;
        }
        String d = header.strip();
        if (d.isEmpty() || d.length() > 64 || !d.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
            return null;
        }
        return d.toLowerCase(Locale.ROOT).equals("null") ? null : d;
    }
}
