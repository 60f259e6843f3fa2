package com.facetrust.interfaces.rest.policy;

import com.facetrust.application.policy.Blocklist;
import com.facetrust.application.policy.BlocklistEntryView;
import com.facetrust.application.policy.NewBlocklistEntry;
import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/v1/policy/blocklist}: the recognition blocklist of IP ranges, devices and time windows (D-6.6 e),
 * managed by the system administrator only; the EJB checks the role again and audits every change.
 */
@Path("/policy/blocklist")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FaceTrustRoles.SYSADMIN)
@Tag(name = "policy", description = "Recognition policy: blocklist and channels (sysadmin; channels also operator)")
public class BlocklistResource {
    static final String ENTRY_EXAMPLE = "{\"id\":\"0b8f6c1e-4f0e-4a57-9a7e-1c2d3e4f5a6b\",\"kind\":\"ADDRESS\","
            + "\"value\":\"203.0.113.0/24\",\"zone\":null,\"channel\":null,\"reason\":\"credential stuffing seen "
            + "from this range\",\"createdBy\":\"admin\",\"createdAt\":\"2026-11-22T04:30:00Z\","
            + "\"expiresAt\":\"2026-12-22T00:00:00Z\",\"active\":true}";

    @EJB
    Blocklist blocklist;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(summary = "List the blocklist", description = "Every entry, expired ones with active=false.")
    @APIResponse(responseCode = "200", description = "The entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one address range",
            value = "[" + ENTRY_EXAMPLE + "]")))
    @APIResponse(responseCode = "403", description = "FT-3002: not a sysadmin")
    public List<BlocklistEntryView> list() {
        return blocklist.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a blocklist entry",
            description = "kind ADDRESS (IPv4/IPv6 CIDR; a bare address is one host), DEVICE (the id callers send "
                    + "in X-FaceTrust-Device) or TIME_WINDOW (daily HH:mm-HH:mm in zone [UTC], may cross midnight, "
                    + "optionally for one channel). reason is required; expiresAt (ISO-8601) optional. Audited as "
                    + "BLOCKLIST_ADD.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "address range", value = "{\"kind\":\"ADDRESS\",\"value\":\"203.0.113.0/24\","
                    + "\"reason\":\"credential stuffing seen from this range\","
                    + "\"expiresAt\":\"2026-12-22T00:00:00Z\"}"),
            @ExampleObject(name = "IPv6 range", value = "{\"kind\":\"ADDRESS\",\"value\":\"2001:db8::/32\","
                    + "\"reason\":\"documentation range\"}"),
            @ExampleObject(name = "device", value = "{\"kind\":\"DEVICE\",\"value\":\"kiosk-17\","
                    + "\"reason\":\"reported stolen\"}"),
            @ExampleObject(name = "night on the kiosks", value = "{\"kind\":\"TIME_WINDOW\","
                    + "\"value\":\"22:00-06:00\",\"zone\":\"Europe/Berlin\",\"channel\":\"kiosk\","
                    + "\"reason\":\"kiosks unattended at night\"}")}))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "added", value = ENTRY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "FT-3003: bad kind, CIDR, window, zone, channel, expiry or "
            + "missing reason")
    @APIResponse(responseCode = "403", description = "FT-3002: not a sysadmin")
    public Response add(NewBlocklistEntry body) {
        BlocklistEntryView added = blocklist.add(body);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(added.id()).build()).entity(added).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a blocklist entry", description = "Audited as BLOCKLIST_REMOVE.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "FT-3004: no entry with this id")
    @APIResponse(responseCode = "403", description = "FT-3002: not a sysadmin")
    public Response remove(@PathParam("id") String id) {
        blocklist.remove(id);
        return Response.noContent().build();
    }
}
