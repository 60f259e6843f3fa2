package com.facetrust.interfaces.rest.subjects;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.interfaces.rest.RequestImages;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Extracts the images of an enrolment request read in memory by {@link RequestImages} (byte limit before and
 * while reading, in-memory multipart). Three forms:
 * <ul>
 * <li>a raw image body ({@code image/*} or {@code application/octet-stream}): one image;</li>
 * <li>JSON {@code {"images": ["<base64>", ...]}};</li>
 * <li>{@code multipart/form-data}: every part named {@code image}. Parsed here, in memory, because the container's
 *     multipart support spills parts to temporary files.</li>
 * </ul>
 * The request body buffer is zeroed once the images are extracted; the caller zeroes the images after use.
 */
final class EnrolmentImages {
    private EnrolmentImages() {
    }

    /** The images of a JSON body {@code {"images": [...base64...]}}; zeroes {@code body}. */
    static List<byte[]> fromJson(byte[] body) {
        List<byte[]> images = new ArrayList<>();
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            boolean inImages = false;
            int depth = 0;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        inImages = inImages && depth >= 2;
                    }
                    case KEY_NAME -> inImages = depth == 1 && parser.getString().equals("images");
                    case VALUE_STRING -> {
                        if (inImages && depth == 2) {
                            images.add(Base64.getMimeDecoder().decode(parser.getString()));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (JsonException | IllegalArgumentException e) {
            zero(images);
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "expected JSON {\"images\": [\"<base64>\", ...]}", List.of(), e);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        return images;
    }

    /** The parts named {@code image} of a multipart/form-data body; zeroes {@code body}. */
    static List<byte[]> fromMultipart(byte[] body, String contentType) {
        List<byte[]> images = new ArrayList<>();
        for (RequestImages.Part part : RequestImages.multipart(body, contentType)) {
            if ("image".equals(part.name())) {
                images.add(part.content());
            } else {
                RequestImages.zero(part.content());
            }
        }
        return images;
    }

    /**
     * A multipart enrolment with liveness evidence (issue 6, when {@code facetrust.enrolment.liveness} is
     * MULTI_FRAME or CHALLENGE): {@code image} parts (none, to enrol the evidence's best frame), {@code frame} parts
     * in capture order, {@code frameTimes} = the capture times in ms, comma-separated (required with more than one
     * frame, increasing; made relative to the first) and {@code challengeNonce}. {@code liveness} is null when no
     * frame part was sent. Zeroes {@code body}; the caller zeroes images and frames.
     */
    record WithEvidence(List<byte[]> images, LivenessEvidence liveness) {
    }

    /** The image and evidence parts of a multipart/form-data body ({@link WithEvidence}); zeroes {@code body}. */
    static WithEvidence fromMultipartWithEvidence(byte[] body, String contentType) {
        List<RequestImages.Part> parts = RequestImages.multipart(body, contentType);
        List<byte[]> images = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        String times = null;
        String nonce = null;
        for (RequestImages.Part part : parts) {
            String name = part.name() == null ? "" : part.name();
            switch (name) {
                case "image" -> images.add(part.content());
                case "frame" -> frames.add(part.content());
                case "frameTimes" -> times = text(part);
                case "challengeNonce" -> nonce = text(part);
                default -> RequestImages.zero(part.content());
            }
        }
        try {
            if (frames.isEmpty()) {
                return new WithEvidence(images, null);
            }
            return new WithEvidence(images, new LivenessEvidence(frames, frameTimes(times, frames.size()), nonce,
                    null));
        } catch (FaceTrustException e) {
            zero(images);
            zero(frames);
            throw e;
        }
    }

    private static String text(RequestImages.Part part) {
        String t = new String(part.content(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return t.isEmpty() ? null : t;
    }

    /** Capture times relative to the first frame; null for a single frame without times. */
    static long[] frameTimes(String text, int frames) {
        if (text == null) {
            if (frames > 1) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "every frame of a burst needs its capture time: "
                        + "part frameTimes = \"0,67,133,...\" (ms)", List.of("frameTimes"));
            }
            return null;
        }
        String[] items = text.split(",");
        if (items.length != frames) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "frameTimes has " + items.length + " values for "
                    + frames + " frame parts", List.of("frameTimes"));
        }
        long[] t = new long[frames];
        try {
            for (int i = 0; i < frames; i++) {
                t[i] = Long.parseLong(items[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "frameTimes must be whole milliseconds",
                    List.of("frameTimes"));
        }
        long first = t[0];
        for (int i = 0; i < frames; i++) {
            t[i] -= first;
            if (i > 0 && t[i] <= t[i - 1]) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "frame times must increase",
                        List.of("frameTimes"));
            }
        }
        return t;
    }

    static void zero(List<byte[]> images) {
        RequestImages.zero(images);
    }
}
