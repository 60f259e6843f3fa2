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
 * The operator's list of security events (A-5.7.5.3: warnings and alarms): filter by level, acknowledged or not and
 * days, page through, acknowledge one. Reads {@code GET /events}, acknowledges with
 * {@code POST /events/{id}/acknowledgement} — both as the logged-in operator, so the acknowledgement is audited
 * under their name.
 */
@Named("securityEvents")
@ViewScoped
public class SecurityEventsPage extends ConsolePage {
    static final int PAGE_SIZE = 20;

    @Inject
    UserDelegatedApi api;

    private String level = "";
    private String acknowledged = "false";
    private String from = "";
    private String to = "";
    private final Paging paging = new Paging(PAGE_SIZE);
    private List<SecurityEventRow> rows = List.of();

    @PostConstruct
    void firstPage() {
        load();
    }

    /** Applies the filter from the first page on. */
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

    /** Acknowledges one event as the logged-in operator, then shows the list again. */
    public void acknowledge(String id) {
        clearOutcome();
        if (perform(() -> api.post(ApiQuery.path("events/%s/acknowledgement", id), null))) {
            noticed("Event " + id + " acknowledged.");
        }
        load();
    }

    private void load() {
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("events")
                .with("level", level).with("acknowledged", acknowledged)
                .with("from", FilterDates.startOf("from", from)).with("to", FilterDates.endOf("to", to))
                .with("page", paging.getPage()).with("size", PAGE_SIZE)));
        rows = answer == null ? List.of() : ApiJson.rows(answer).stream().map(SecurityEventRow::from).toList();
        paging.showed(rows.size(), answer == null ? 0 : ApiJson.total(answer).orElse(-1L));
    }

    public List<SecurityEventRow> getRows() {
        return rows;
    }

    public Paging getPaging() {
        return paging;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    public String getAcknowledged() {
        return acknowledged;
    }

    public void setAcknowledged(String acknowledged) {
        this.acknowledged = acknowledged;
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
