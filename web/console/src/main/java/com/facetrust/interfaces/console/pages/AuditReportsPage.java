package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonStructure;

import java.util.List;

/**
 * The auditor's aggregate reports (D-6.6i "analysis reports"): counts of audit entries grouped by day, channel,
 * decision, outcome or action over a range of days, from {@code GET /audit/reports}. Counts only — no entry, person
 * or score.
 */
@Named("auditReports")
@ViewScoped
public class AuditReportsPage extends ConsolePage {
    /** The groupings the API offers, in the order of the selection list. */
    static final List<String> GROUPINGS = List.of("day", "channel", "decision", "outcome", "action");

    @Inject
    UserDelegatedApi api;

    private String groupBy = "day";
    private String from = "";
    private String to = "";
    private List<ReportRow> rows;

    public void report() {
        clearOutcome();
        if (!GROUPINGS.contains(groupBy)) {
            groupBy = "day";
        }
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("audit/reports").with("groupBy", groupBy)
                .with("from", FilterDates.startOf("from", from)).with("to", FilterDates.endOf("to", to))));
        rows = answer == null ? List.of() : ReportRow.from(answer);
    }

    /** The report's lines; null before the first report was asked for. */
    public List<ReportRow> getRows() {
        return rows;
    }

    public List<String> getGroupings() {
        return GROUPINGS;
    }

    public String getGroupBy() {
        return groupBy;
    }

    public void setGroupBy(String groupBy) {
        this.groupBy = groupBy;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
