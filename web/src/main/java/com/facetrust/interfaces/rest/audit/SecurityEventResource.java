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
@Produces(MediaType.APPLICATION_JSON)
public class SecurityEventResource {

    @EJB
    SecurityEvents events;

    @GET
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
