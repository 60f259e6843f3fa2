package com.facetrust.interfaces.rest.audit;

import com.facetrust.application.audit.AuditChainVerification;
import com.facetrust.application.audit.AuditEntryView;
import com.facetrust.application.audit.AuditHistory;
import com.facetrust.application.audit.ReportRow;
import com.facetrust.application.audit.ResultPage;
import com.facetrust.application.security.CallerService;
import com.facetrust.application.security.CallerView;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.infrastructure.audit.ChainVerdict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The auditor's view of the operation log (A-8.6, D-6.6 f/i, A-8.5 auditor duty):
 * <ul>
 *   <li>{@code GET /audit/entries?action=&outcome=&channel=&decision=&subject=<uid>&from=&to=&page=&size=} —
 *       history, newest first, with the total count (size 1..200, default 50);</li>
 *   <li>{@code GET /audit/reports?groupBy=day|channel|decision|outcome|action&from=&to=} — counts;</li>
 *   <li>{@code POST /audit/verification} — walks the hash chain and answers whether it is intact and, if not, the
 *       first broken sequence number and why.</li>
 * </ul>
 * Read-only apart from the verification run (which is logged): no path updates or deletes an entry (PUT/DELETE are
 * answered 405). The {@code subject} filter takes a UID and is pseudonymised on the server.
 */
@Path("/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FaceTrustRoles.AUDITOR)
public class AuditResource {

    @EJB
    AuditHistory history;

    @EJB
    AuditChainVerification verification;

    @EJB
    CallerService callers;

    /** The answer of a verification run. */
    public record VerificationResult(boolean intact, long entriesChecked, Long firstBrokenSequence, String reason,
                                     Instant verifiedAt) {
        static VerificationResult of(ChainVerdict v) {
            return new VerificationResult(v.intact(), v.entriesChecked(), v.firstBrokenSequence(), v.reason(),
                    Instant.now());
        }
    }

    /** A report: what it is grouped by, the period, and the counts. */
    public record Report(String groupBy, Instant from, Instant to, List<ReportRow> rows, long total) {
    }

    @GET
    @Path("entries")
    @Operation(summary = "Audit history (backtrace), newest first, filtered and paged")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"items\": [{\"sequence\": 42, \"recordedAt\": \"2026-11-22T04:36:05.921Z\", \"principal\": \"operator\", \"clientId\": \"facetrust-cli\", \"sourceAddress\": \"127.0.0.1\", \"device\": \"kiosk-7\", \"action\": \"VERIFY\", \"target\": \"cvC0XK4YWFzI6Getgqx5ncNeNL4jq0kDVDtdWgrf47w\", \"outcome\": \"OK\", \"transactionId\": \"2f1c0d9e\", \"channel\": \"counter\", \"decision\": \"MATCH\"}], \"total\": 1, \"page\": 0, \"size\": 50}"))
    @APIResponse(responseCode = "400", description = "FT-3003: malformed filter (the parameter is named in reasons)")
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: not an auditor (WARNING)")
    public ResultPage<AuditEntryView> entries(@QueryParam("action") String action,
                                              @QueryParam("outcome") String outcome,
                                              @QueryParam("channel") String channel,
                                              @QueryParam("decision") String decision,
                                              @QueryParam("subject") String subject,
                                              @QueryParam("from") String from,
                                              @QueryParam("to") String to,
                                              @QueryParam("page") String page,
                                              @QueryParam("size") String size) {
        AuditHistory.EntryFilter filter = new AuditHistory.EntryFilter(QueryParameters.text(action),
                QueryParameters.text(outcome), QueryParameters.text(channel), QueryParameters.text(decision),
                QueryParameters.text(subject), QueryParameters.instant("from", from),
                QueryParameters.instant("to", to));
        return history.entries(filter, QueryParameters.integer("page", page, 0),
                QueryParameters.integer("size", size, QueryParameters.DEFAULT_PAGE_SIZE));
    }

    @GET
    @Path("reports")
    @Operation(summary = "Counts of audit entries by day, channel, decision, outcome or action")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"groupBy\": \"decision\", \"rows\": [{\"key\": \"MATCH\", \"count\": 120}, {\"key\": \"NO_MATCH\", \"count\": 7}], \"total\": 127}"))
    @APIResponse(responseCode = "400", description = "FT-3003: malformed filter (the parameter is named in reasons)")
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: not an auditor (WARNING)")
    public Report report(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
                         @QueryParam("to") String to) {
        AuditHistory.Grouping grouping = AuditHistory.Grouping.parse(groupBy);
        Instant since = QueryParameters.instant("from", from);
        Instant until = QueryParameters.instant("to", to);
        List<ReportRow> rows = history.report(grouping, new AuditHistory.EntryFilter(null, null, null, null, null,
                since, until));
        return new Report(grouping.name().toLowerCase(java.util.Locale.ROOT), since, until, rows,
                rows.stream().mapToLong(ReportRow::count).sum());
    }

    @POST
    @Path("verification")
    @Operation(summary = "Verify the hash chain of the audit log")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"intact\": false, \"entriesChecked\": 17, \"firstBrokenSequence\": 17, \"reason\": \"MAC does not match the entry (edited, or moved from another position)\", \"verifiedAt\": \"2026-11-22T05:00:00Z\"}"))
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: not an auditor (WARNING)")
    public VerificationResult verify() {
        return VerificationResult.of(verification.verify());
    }

    /** Role probe of the auditor duty (moved here from RoleProbeResource: one root resource per path prefix). */
    @GET
    @Path("ping")
    @Operation(summary = "Probe: may the caller act as auditor?")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"name\": \"auditor\", \"roles\": [\"auditor\"], \"checkedBy\": \"asAuditor\"}"))
    @APIResponse(responseCode = "401", description = "FT-3001: no valid token")
    @APIResponse(responseCode = "403", description = "FT-3002: not an auditor (WARNING)")
    public CallerView ping() {
        return callers.asAuditor();
    }
}
