package com.facetrust.domain.recognition;

import java.time.Instant;
import java.util.Objects;

/**
 * Who tries what, from where: the facts admission and attempt counting work on. {@code subjectUid} is the claimed
 * subject of a verification (null for identification and ID-photo comparison); {@code clientId} the calling
 * application (token {@code azp}) or user; {@code deviceId} the capture device as the caller declares it
 * ({@code X-FaceTrust-Device} header, may be null); {@code sourceAddress} the peer address as the server sees it.
 */
public record RecognitionAttempt(RecognitionOperation operation, String channel, String subjectUid, String clientId,
                                 String deviceId, String sourceAddress, Instant at) {
    public RecognitionAttempt {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(at, "at");
    }
}
