package com.facetrust.interfaces.rest.liveness;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.domain.liveness.LivenessEvidence;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The liveness evidence fields of a JSON request body, shared by every endpoint that takes them (verification,
 * identification, ID photo, enrolment, standalone checks) so clients send the same shape everywhere:
 * <pre>
 * "image": "&lt;base64&gt;"                          one frame (passive check), or
 * "frames": [{"image": "&lt;base64&gt;", "t": 0},     a burst or a challenge's frames, t = capture time in ms
 *            {"image": "&lt;base64&gt;", "t": 67}],   (relative to the first frame, or absolute: the first is subtracted)
 * "challengeNonce": "…",                     the nonce of POST /api/v1/liveness/challenges (challenge only)
 * "depth": {"width": 640, "height": 480,     optional depth map registered to the first frame, D-6.1.2 e:
 *           "millimetres": "&lt;base64&gt;"}         little-endian float32 millimetres, row by row, 0 or NaN = none
 * </pre>
 * With {@code frames}, {@code t} is required on every frame when more than one is sent and must increase. Malformed
 * fields answer FT-3003 naming the field. Decoded frames are the caller's to zero after use (A-7.2 a).
 */
public final class LivenessEvidenceJson {

    private LivenessEvidenceJson() {
    }

    /** The evidence of {@code body}; empty frames when it has neither {@code image} nor {@code frames}. */
    public static LivenessEvidence from(JsonObject body) {
        List<byte[]> frames = new ArrayList<>();
        try {
            long[] ts = null;
            JsonValue framesValue = body.get("frames");
            if (framesValue != null && framesValue.getValueType() != JsonValue.ValueType.NULL) {
                if (body.containsKey("image") && !body.isNull("image")) {
                    throw bad("send either image or frames, not both", "frames");
                }
                JsonArray array = asArray(framesValue, "frames");
                ts = new long[array.size()];
                boolean timed = true;
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                        throw bad("frames[" + i + "] must be {\"image\": \"<base64>\", \"t\": <ms>}", "frames");
                    }
                    JsonObject frame = array.getJsonObject(i);
                    frames.add(base64(frame.get("image"), "frames[" + i + "].image"));
                    JsonValue t = frame.get("t");
                    if (t == null || t.getValueType() == JsonValue.ValueType.NULL) {
                        timed = false;
                    } else if (t.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) t).isIntegral()) {
                        throw bad("frames[" + i + "].t must be a whole number of milliseconds", "frames");
                    } else {
                        ts[i] = ((JsonNumber) t).longValueExact();
                    }
                }
                if (!timed) {
                    if (frames.size() > 1) {
                        throw bad("every frame of a burst needs its capture time t (ms)", "frames");
                    }
                    ts = null;
                } else if (ts.length > 0) {
                    long first = ts[0];
                    for (int i = 0; i < ts.length; i++) {
                        ts[i] -= first;
                        if (i > 0 && ts[i] <= ts[i - 1]) {
                            throw bad("frame times t must increase", "frames");
                        }
                    }
                }
            } else if (body.containsKey("image") && !body.isNull("image")) {
                frames.add(base64(body.get("image"), "image"));
            }
            String nonce = null;
            if (body.containsKey("challengeNonce") && !body.isNull("challengeNonce")) {
                if (body.get("challengeNonce").getValueType() != JsonValue.ValueType.STRING) {
                    throw bad("challengeNonce must be a string", "challengeNonce");
                }
                nonce = body.getString("challengeNonce");
            }
            DepthMap depth = body.containsKey("depth") && !body.isNull("depth") ? depth(body.get("depth")) : null;
            return new LivenessEvidence(frames, ts, nonce, depth);
        } catch (FaceTrustException | ArithmeticException | ClassCastException e) {
            zero(frames);
            if (e instanceof FaceTrustException fte) {
                throw fte;
            }
            throw bad("malformed liveness evidence: " + e.getMessage(), "frames");
        }
    }

    /** Zeroes every frame of the evidence (A-7.2 a). */
    public static void zero(LivenessEvidence evidence) {
        if (evidence != null) {
            zero(evidence.frames());
        }
    }

    private static void zero(List<byte[]> frames) {
        frames.forEach(f -> Arrays.fill(f, (byte) 0));
    }

    private static DepthMap depth(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw bad("depth must be {\"width\", \"height\", \"millimetres\": \"<base64 float32 LE>\"}", "depth");
        }
        JsonObject d = value.asJsonObject();
        int width = positiveInt(d.get("width"), "depth.width");
        int height = positiveInt(d.get("height"), "depth.height");
        if ((long) width * height > 16_000_000L) {
            throw bad("depth map too large", "depth");
        }
        byte[] raw = base64(d.get("millimetres"), "depth.millimetres");
        if (raw.length != 4L * width * height) {
            throw bad("depth.millimetres must hold width × height little-endian float32 values", "depth");
        }
        float[] mm = new float[width * height];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(mm);
        Arrays.fill(raw, (byte) 0);
        return new DepthMap(width, height, mm);
    }

    private static int positiveInt(JsonValue v, String field) {
        if (v == null || v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()
                || ((JsonNumber) v).longValue() < 1 || ((JsonNumber) v).longValue() > 100_000) {
            throw bad(field + " must be a positive whole number", field);
        }
        return ((JsonNumber) v).intValue();
    }

    private static JsonArray asArray(JsonValue v, String field) {
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw bad(field + " must be an array", field);
        }
        return v.asJsonArray();
    }

    private static byte[] base64(JsonValue v, String field) {
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            throw bad(field + " must be a base64 string", field);
        }
        try {
            return Base64.getMimeDecoder().decode(((JsonString) v).getString());
        } catch (IllegalArgumentException e) {
            throw bad(field + " is not valid base64", field);
        }
    }

    private static FaceTrustException bad(String message, String field) {
        return new FaceTrustException(FailureCode.BAD_REQUEST, message, List.of(field));
    }
}
