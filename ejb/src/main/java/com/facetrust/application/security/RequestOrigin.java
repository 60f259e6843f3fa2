package com.facetrust.application.security;

import jakarta.enterprise.context.RequestScoped;

import java.util.regex.Pattern;

/**
 * Where the current request came from, for the audit log and security events (A-8.6: operator, time, source
 * address, action): the peer address, the client id of the calling application (token claim {@code azp}) and the
 * capture device it names in header {@code X-FaceTrust-Device}. Filled by the REST layer's
 * {@code RequestOriginFilter} at the start of every request; outside a request (timers) it stays empty and the
 * audit columns are null.
 *
 * <p>Values are validated here, not trusted: the device name is a caller's claim, so it is trimmed, limited to
 * {@value #DEVICE_MAX} characters of a safe alphabet, and dropped otherwise.
 */
@RequestScoped
public class RequestOrigin {
    public static final String DEVICE_HEADER = "X-FaceTrust-Device";
    public static final int DEVICE_MAX = 64;
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@ -]{0," + (DEVICE_MAX - 1) + "}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.%\\[\\]a-zA-Z-]{1,64}");

    private String sourceAddress;
    private String clientId;
    private String device;

    /** Records the request's origin; invalid values are dropped (null), never stored as sent. */
    public void fill(String sourceAddress, String clientId, String deviceHeader) {
        this.sourceAddress = sourceAddress != null && ADDRESS.matcher(sourceAddress).matches() ? sourceAddress : null;
        this.clientId = clientId != null && !clientId.isBlank() ? clip(clientId.strip(), 128) : null;
        this.device = validDevice(deviceHeader);
    }

    /** The device header trimmed, or null when absent or not a plain identifier. */
    public static String validDevice(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.strip();
        return DEVICE.matcher(trimmed).matches() ? trimmed : null;
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    public String sourceAddress() { return sourceAddress; }
    public String clientId() { return clientId; }
    public String device() { return device; }
}
