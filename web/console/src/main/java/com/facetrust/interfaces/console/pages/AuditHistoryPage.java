package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiQuery;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;

/**
 * The auditor's audit history (D-6.6f,i "recognition history query", A-8.6): filters by action, outcome, channel,
 * decision, subject and days, with paging, from {@code GET /audit/entries}. A subject is looked for by UID, which
 * the server turns into its pseudonym; the page never shows a UID or name.
 */
@Named("auditHistory")
@ViewScoped
public class AuditHistoryPage extends PagedListPage<AuditEntryRow> {
    static final int PAGE_SIZE = 25;

    private String action = "";
    private String outcome = "";
    private String channel = "";
    private String decision = "";
    private String subject = "";
    private String from = "";
    private String to = "";

    public AuditHistoryPage() {
        super(PAGE_SIZE);
    }

    @Override
    protected ApiQuery query(int page, int size) {
        return ApiQuery.path("audit/entries")
                .with("action", action).with("outcome", outcome).with("channel", channel)
                .with("decision", decision).with("subject", subject)
                .with("from", FilterDates.startOf("from", from)).with("to", FilterDates.endOf("to", to))
                .with("page", page).with("size", size);
    }

    @Override
    protected AuditEntryRow row(JsonObject item) {
        return AuditEntryRow.from(item);
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
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
