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
 * The sysadmin's read-only view of the channel policies (A-4f, D-6.3e) from {@code GET /policy/channels}. They are
 * changed through the deployment's configuration (docs/operations.md), not here.
 */
@Named("channelPolicies")
@ViewScoped
public class ChannelPoliciesPage extends ConsolePage {

    @Inject
    UserDelegatedApi api;

    private List<ChannelRow> rows = List.of();

    @PostConstruct
    void list() {
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("policy/channels")));
        rows = answer == null ? List.of() : ApiJson.rows(answer).stream().map(ChannelRow::from).toList();
    }

    public List<ChannelRow> getRows() {
        return rows;
    }
}
