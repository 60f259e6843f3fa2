package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonStructure;

/**
 * The operator's home-page line "n security events not yet acknowledged, m of them alarms" (A-5.7.5.3: warnings and
 * alarms reach the operators), from the totals of {@code GET /events} (one row each, only the count is used).
 */
@Named("openEvents")
@RequestScoped
public class OpenEventsSummary extends ConsolePage {

    @Inject
    UserDelegatedApi api;

    private Long all;
    private Long alarms;

    public long getCount() {
        if (all == null) {
            all = count(null);
        }
        return all;
    }

    public long getAlarms() {
        if (alarms == null) {
            alarms = count("ALARM");
        }
        return alarms;
    }

    private long count(String level) {
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("events").with("level", level)
                .with("acknowledged", false).with("size", 1)));
        return answer == null ? 0 : ApiJson.total(answer).orElse(0L);
    }
}
