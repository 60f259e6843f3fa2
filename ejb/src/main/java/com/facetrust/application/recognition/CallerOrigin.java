package com.facetrust.application.recognition;

import java.util.Objects;

/**
 * Where a recognition request came from, as the REST layer saw it: the calling client (token {@code azp}, else the
 * principal), the capture device it declares ({@code X-FaceTrust-Device}, may be null) and the peer address.
 */
public record CallerOrigin(String clientId, String deviceId, String sourceAddress) {
    public CallerOrigin {
        Objects.requireNonNull(clientId, "clientId");
    }
}
