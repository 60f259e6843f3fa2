package com.facetrust.application.recognition;

import com.facetrust.domain.liveness.DepthMap;

import java.util.List;

/**
 * What a caller sends to the recognition service, parsed by the REST layer (which refuses image and frames together
 * with FT-3003). {@code image} is the probe; without it the first of {@code frames} is. {@code frames} (with capture
 * times in ms relative to the first) are the liveness evidence of a burst or a challenge ({@code challengeNonce}); a
 * single {@code image} is its own evidence.
 * {@code subjectUid} and {@code oneTimeCode} belong to verification, {@code gallery} to identification,
 * {@code idPhoto} to the ID-photo comparison. {@code deviceFault}: the capture device declared a fault.
 * The service zeroes every image before it returns.
 */
public record RecognitionRequest(String channel, String subjectUid, String gallery, byte[] image, byte[] idPhoto,
                                 List<byte[]> frames, long[] frameMillis, String challengeNonce, String oneTimeCode,
                                 DepthMap depth, boolean deviceFault) {
    public RecognitionRequest {
        frames = frames == null ? List.of() : List.copyOf(frames);
        if (image != null && !frames.isEmpty()) {
            // The probe must be part of the evidence the liveness check judged (A-4 b): live frames of one face and
            // a separate image of another would otherwise pass liveness and compare the other face.
            throw new IllegalArgumentException("either image or frames, not both");
        }
    }

    /** The probe image: {@code image}, else the first frame, else null. */
    public byte[] probe() {
        return image != null ? image : frames.isEmpty() ? null : frames.get(0);
    }

    /** The liveness evidence: the frames when given, else the single image. */
    public List<byte[]> evidenceFrames() {
        return !frames.isEmpty() ? frames : image == null ? List.of() : List.of(image);
    }

    /** Overwrites every image of the request (A-5.7.1 f, C-6.1.2). */
    public void zero() {
        wipe(image);
        wipe(idPhoto);
        frames.forEach(RecognitionRequest::wipe);
        if (depth != null) {
            java.util.Arrays.fill(depth.millimetres(), 0f);
        }
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }
}
