package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.util.List;
import java.util.Map;

/**
 * The auditor's "verify audit chain" button (A-8.6 the log cannot be altered or deleted undetected, A-9.2a): asks
 * the server to walk the hash-chained audit log ({@code POST /audit/verification}) and shows the verdict — intact,
 * or the first broken entry and why — with every figure the server reported.
 */
@Named("auditChain")
@ViewScoped
public class AuditChainPage extends ConsolePage {

    @Inject
    UserDelegatedApi api;

    private JsonObject result;

    public void verify() {
        clearOutcome();
        JsonStructure answer = fetch(() -> api.post(ApiQuery.path("audit/verification"), null));
        result = answer instanceof JsonObject o ? o : null;
    }

    public boolean isVerified() {
        return result != null;
    }

    /** "intact" or "BROKEN", from the server's verdict. */
    public String getVerdict() {
        if (result == null) {
            return "";
        }
        boolean intact = ApiJson.flag(result, "intact").or(() -> ApiJson.flag(result, "valid")).orElse(false);
        return intact ? "intact" : "BROKEN";
    }

    /** Every figure of the server's answer (entries checked, first broken entry, reason, …). */
    public List<Map.Entry<String, String>> getFigures() {
        return result == null ? List.of() : ApiJson.fields(result);
    }
}
