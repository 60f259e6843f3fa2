package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiQuery;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;

/**
 * The operator's list of security events (A-5.7.5.3: warnings and alarms): filter by level, acknowledged or not and
 * days, page through, acknowledge one. Reads {@code GET /events}, acknowledges with
 * {@code POST /events/{id}/acknowledgement} — both as the logged-in operator, so the acknowledgement is audited
 * under their name.
 */
@Named("securityEvents")
@ViewScoped
public class SecurityEventsPage extends PagedListPage<SecurityEventRow> {
    static final int PAGE_SIZE = 20;

    private String level = "";
    private String acknowledged = "false";
    private String from = "";
    private String to = "";

    public SecurityEventsPage() {
        super(PAGE_SIZE);
    }

    /** Acknowledges one event as the logged-in operator, then shows the list again. */
    public void acknowledge(String id) {
        clearOutcome();
        if (perform(() -> api.post(ApiQuery.path("events/%s/acknowledgement", id), null))) {
            noticed("Event " + id + " acknowledged.");
        }
        load();
    }

    @Override
    protected ApiQuery query(int page, int size) {
        return ApiQuery.path("events")
                .with("level", level).with("acknowledged", acknowledged)
                .with("from", FilterDates.startOf("from", from)).with("to", FilterDates.endOf("to", to))
                .with("page", page).with("size", size);
    }

    @Override
    protected SecurityEventRow row(JsonObject item) {
        return SecurityEventRow.from(item);
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
