package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.security.RequestOrigin;
import com.facetrust.application.recognition.CallerOrigin;
import com.facetrust.application.recognition.RecognitionRequest;
import com.facetrust.application.recognition.RecognitionSettings;
import com.facetrust.interfaces.rest.RequestImages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.InputStream;

/**
 * What the three recognition resources share: reading the body under the limit (checked against Content-Length
 * before a byte is read, and while reading), parsing it, and who is calling from where.
 */
@RequestScoped
public class RecognitionCalls {
    /** The capture device an internal application declares (A-5.7.5.1 e counts per device). */
    static final String DEVICE_HEADER = "X-FaceTrust-Device";

    @Inject
    RecognitionSettings settings;

    @Inject
    JsonWebToken token;

    /**
     * The peer address as {@code RequestOriginFilter} recorded it for this request. (A {@code @Context}
     * HttpServletRequest is not injected into a CDI bean: it stayed null, so the policy never saw an address and
     * address blocklists, address counters and the unusual-address signal could not apply.)
     */
    @Inject
    RequestOrigin requestOrigin;

    RecognitionRequest json(InputStream body, HttpHeaders headers) {
        return RecognitionRequests.fromJson(read(body, headers), settings.maxFrames());
    }

    RecognitionRequest multipart(InputStream body, HttpHeaders headers, String contentType) {
        return RecognitionRequests.fromMultipart(read(body, headers), contentType, settings.maxFrames());
    }

    private byte[] read(InputStream body, HttpHeaders headers) {
        return RequestImages.readBounded(body, headers.getLength(), settings.maxRequestBytes());
    }

    /** Client = the token's {@code azp} (the calling application), else the principal; device; peer address. */
    CallerOrigin origin(HttpHeaders headers, SecurityContext security) {
        String client = null;
        if (token != null && token.getRawToken() != null) {
            Object azp = token.getClaim("azp");
            client = azp == null ? null : azp.toString();
        }
        if (client == null || client.isBlank()) {
            client = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        }
        return new CallerOrigin(client, RecognitionRequests.deviceId(headers.getHeaderString(DEVICE_HEADER)),
                requestOrigin.sourceAddress());
    }
}
