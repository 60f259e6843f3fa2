package com.facetrust.interfaces.rest.audit;

import com.facetrust.application.audit.ResultPage;
import com.facetrust.application.audit.SecurityEventView;
import com.facetrust.application.audit.SecurityEvents;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.SecurityEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/**
 * Warnings and alarms for operators (A-5.7.5.3):
 * <ul>
 *   <li>{@code GET /events?level=warning|alarm&acknowledged=true|false&from=&to=&page=&size=} — newest first, with
 *       the total count (operator, auditor);</li>
 *   <li>{@code POST /events/{id}/acknowledgement} — the operator has seen it (the only change made to an event,
 *       itself audited); 409 FT-7003 if already acknowledged, 404 FT-3004 for an unknown id.</li>
 * </ul>
 */
@Path("/events")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityEventResource {

    @EJB
    SecurityEvents events;

    @GET
    @Operation(summary = "Warnings and alarms, newest first, filtered and paged")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"items\": [{\"id\": 7, \"raisedAt\": \"2026-11-22T04:27:15Z\", \"level\": \"WARNING\", \"code\": \"FT-4011\", \"action\": \"POST /api/v1/subjects/{uid}/deregistration\", \"target\": \"u4LLOxehqA3RZ3TOdlE4KJ\", \"principal\": \"operator\", \"clientId\": \"facetrust-cli\", \"sourceAddress\": \"127.0.0.1\", \"detail\": \"HTTP 403\"}], \"total\": 1, \"page\": 0, \"size\": 50}"))
    @APIResponse(responseCode = "400", description = "FT-3003: malformed filter")
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: neither operator nor auditor (WARNING)")
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR})
    public ResultPage<SecurityEventView> list(@QueryParam("level") String level,
                                              @QueryParam("acknowledged") String acknowledged,
                                              @QueryParam("from") String from,
                                              @QueryParam("to") String to,
                                              @QueryParam("page") String page,
                                              @QueryParam("size") String size) {
        SecurityEvents.EventFilter filter = new SecurityEvents.EventFilter(level(level),
                QueryParameters.bool("acknowledged", acknowledged), QueryParameters.instant("from", from),
                QueryParameters.instant("to", to));
        return events.list(filter, QueryParameters.integer("page", page, 0),
                QueryParameters.integer("size", size, QueryParameters.DEFAULT_PAGE_SIZE));
    }

    @POST
    @Path("{id}/acknowledgement")
    @Operation(summary = "Acknowledge an event (operator; audited)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"id\": 7, \"level\": \"WARNING\", \"code\": \"FT-4011\", \"acknowledgedBy\": \"operator\", \"acknowledgedAt\": \"2026-11-22T05:01:00Z\"}"))
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: not an operator (WARNING)")
    @APIResponse(responseCode = "404", description = "FT-3004: no such event")
    @APIResponse(responseCode = "409", description = "FT-7003: already acknowledged")
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public SecurityEventView acknowledge(@PathParam("id") String id) {
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw QueryParameters.bad("id", "an event id (integer)");
        }
        return events.acknowledge(eventId);
    }

    private static SecurityEvent.Level level(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SecurityEvent.Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw QueryParameters.bad("level", "warning or alarm");
        }
    }
}
