package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;

import java.util.List;

/**
 * The sysadmin's blocklist (D-8.1.4d, D-6.6e): source addresses (CIDR), devices and daily time windows refused before
 * any recognition. Lists ({@code GET /policy/blocklist}), adds ({@code POST}) and removes
 * ({@code DELETE /policy/blocklist/{id}}) as the logged-in sysadmin; the server validates every value and audits
 * every change.
 */
@Named("blocklist")
@ViewScoped
public class BlocklistPage extends ConsolePage {
    /** The kinds of entry the API knows, in the order of the selection list. */
    static final List<String> KINDS = List.of("ADDRESS", "DEVICE", "TIME_WINDOW");

    @Inject
    UserDelegatedApi api;

    private List<BlocklistRow> rows = List.of();
    private String kind = "ADDRESS";
    private String value = "";
    private String zone = "";
    private String channel = "";
    private String reason = "";
    private String expiresAt = "";

    @PostConstruct
    void list() {
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("policy/blocklist")));
        rows = answer == null ? List.of() : ApiJson.rows(answer).stream().map(BlocklistRow::from).toList();
    }

    /** Adds the entry typed into the form; the server checks the value (e.g. a malformed CIDR is refused). */
    public void add() {
        clearOutcome();
        JsonObjectBuilder entry = Json.createObjectBuilder().add("kind", kind).add("value", value.trim())
                .add("reason", reason.trim());
        // Optional fields are sent only when filled: the server decides what they mean for each kind.
        if (!zone.isBlank()) {
            entry.add("zone", zone.trim());
        }
        if (!channel.isBlank()) {
            entry.add("channel", channel.trim());
        }
        if (!expiresAt.isBlank()) {
            entry.add("expiresAt", expiresAt.trim());
        }
        if (perform(() -> api.post(ApiQuery.path("policy/blocklist"), entry.build()))) {
            noticed("Added to the blocklist: " + kind + " " + value.trim());
            value = "";
            zone = "";
            channel = "";
            reason = "";
            expiresAt = "";
        }
        list();
    }

    public void remove(String id) {
        clearOutcome();
        if (perform(() -> api.delete(ApiQuery.path("policy/blocklist/%s", id)))) {
            noticed("Removed from the blocklist: entry " + id);
        }
        list();
    }

    public List<BlocklistRow> getRows() {
        return rows;
    }

    public List<String> getKinds() {
        return KINDS;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }
}
