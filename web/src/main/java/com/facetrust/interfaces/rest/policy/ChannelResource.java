package com.facetrust.interfaces.rest.policy;

import com.facetrust.application.policy.ChannelDirectory;
import com.facetrust.application.policy.ChannelView;
import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/v1/policy/channels}: the configured recognition channels (A-4 f, D-6.3 e) — name, target FAR,
 * liveness, step-up, and for a channel refused at start why. Configuration, not scores: the cosine threshold is
 * not shown.
 */
@Path("/policy/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR})
@Tag(name = "policy")
public class ChannelResource {

    @EJB
    ChannelDirectory channels;

    @GET
    @Operation(summary = "List the recognition channels", description = "As configured for this deployment "
            + "(facetrust.recognition.channels; docs/operations.md).")
    @APIResponse(responseCode = "200", description = "The channels", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "defaults", value = "["
            + "{\"name\":\"counter\",\"targetFar\":0.001,\"liveness\":\"NONE\",\"stepUp\":false,\"usable\":true,"
            + "\"thresholdSource\":\"CONSERVATIVE\",\"problem\":null},"
            + "{\"name\":\"kiosk\",\"targetFar\":1.0E-4,\"liveness\":\"PASSIVE\",\"stepUp\":true,\"usable\":true,"
            + "\"thresholdSource\":\"CONSERVATIVE\",\"problem\":null}]")))
    @APIResponse(responseCode = "403", description = "FT-3002: neither sysadmin nor operator")
    public List<ChannelView> list() {
        return channels.list();
    }
}
