package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonStructure;

import java.util.List;

/**
 * The auditor's audit history (D-6.6f,i "recognition history query", A-8.6): filters by action, outcome, channel,
 * decision, subject and days, with paging, from {@code GET /audit/entries}. A subject is looked for by UID, which
 * the server turns into its pseudonym; the page never shows a UID or name.
 */
@Named("auditHistory")
@ViewScoped
public class AuditHistoryPage extends ConsolePage {
    static final int PAGE_SIZE = 25;

    @Inject
    UserDelegatedApi api;

    private String action = "";
    private String outcome = "";
    private String channel = "";
    private String decision = "";
    private String subject = "";
    private String from = "";
    private String to = "";
    private final Paging paging = new Paging(PAGE_SIZE);
    private List<AuditEntryRow> rows = List.of();

    @PostConstruct
    void firstPage() {
        load();
    }

    public void search() {
        clearOutcome();
        paging.first();
        load();
    }

    public void next() {
        clearOutcome();
        paging.next();
        load();
    }

    public void previous() {
        clearOutcome();
        paging.previous();
        load();
    }

    private void load() {
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("audit/entries")
                .with("action", action).with("outcome", outcome).with("channel", channel)
                .with("decision", decision).with("subject", subject)
                .with("from", FilterDates.startOf("from", from)).with("to", FilterDates.endOf("to", to))
                .with("page", paging.getPage()).with("size", PAGE_SIZE)));
        rows = answer == null ? List.of() : ApiJson.rows(answer).stream().map(AuditEntryRow::from).toList();
        paging.showed(rows.size(), answer == null ? 0 : ApiJson.total(answer).orElse(-1L));
    }

    public List<AuditEntryRow> getRows() {
        return rows;
    }

    public Paging getPaging() {
        return paging;
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
