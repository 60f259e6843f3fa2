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
    public VerificationResult verify() {
        return VerificationResult.of(verification.verify());
    }

    /** Role probe of the auditor duty (moved here from RoleProbeResource: one root resource per path prefix). */
    @GET
    @Path("ping")
    public CallerView ping() {
        return callers.asAuditor();
    }
}
