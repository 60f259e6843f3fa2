package com.facetrust.interfaces.rest.subjects;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
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

    static void zero(List<byte[]> images) {
        RequestImages.zero(images);
    }
}
