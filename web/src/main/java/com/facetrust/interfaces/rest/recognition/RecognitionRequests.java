package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.recognition.RecognitionRequest;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.interfaces.rest.RequestImages;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns a recognition request body (already read in memory under the byte limit) into a {@link RecognitionRequest}.
 *
 * <p>JSON: {@code {"channel", "uid"?, "gallery"?, "image"?: base64, "idPhoto"?: base64, "frames"?: [{"image":
 * base64, "t": ms}], "challengeNonce"?, "oneTimeCode"?, "deviceStatus"?: "OK"|"FAULT", "depth"?: {"width",
 * "height", "millimetres": base64 of little-endian float32}}}.
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
            byte[] image = image(json, "image", decoded);
            byte[] idPhoto = image(json, "idPhoto", decoded);
            List<byte[]> frames = new ArrayList<>();
            long[] millis = null;
            JsonValue framesValue = json.get("frames");
            if (framesValue != null && framesValue.getValueType() != JsonValue.ValueType.NULL) {
                JsonArray array = framesValue.asJsonArray();
                requireFrameCount(array.size(), maxFrames);
                millis = new long[array.size()];
                for (int i = 0; i < array.size(); i++) {
                    JsonObject frame = array.getJsonObject(i);
                    byte[] frameImage = image(frame, "image", decoded);
                    if (frameImage == null) {
                        throw bad("frames[" + i + "].image is required");
                    }
                    frames.add(frameImage);
                    JsonValue t = frame.get("t");
                    if (t == null || t.getValueType() != JsonValue.ValueType.NUMBER) {
                        throw bad("frames[" + i + "].t (capture time in ms) is required");
                    }
                    millis[i] = ((JsonNumber) t).longValueExact();
                }
            }
            return new RecognitionRequest(text(json, "channel"), text(json, "uid"), text(json, "gallery"), image,
                    idPhoto, frames, millis, text(json, "challengeNonce"), text(json, "oneTimeCode"),
                    depth(json.get("depth")), deviceFault(text(json, "deviceStatus")));
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

    private static DepthMap depth(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonObject d = value.asJsonObject();
        int width = d.getInt("width");
        int height = d.getInt("height");
        byte[] raw = Base64.getMimeDecoder().decode(d.getString("millimetres"));
        if (width <= 0 || height <= 0 || (long) width * height * 4 != raw.length) {
            throw bad("depth.millimetres must hold width × height little-endian float32 values");
        }
        float[] mm = new float[width * height];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(mm);
        Arrays.fill(raw, (byte) 0);
        return new DepthMap(width, height, mm);
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
