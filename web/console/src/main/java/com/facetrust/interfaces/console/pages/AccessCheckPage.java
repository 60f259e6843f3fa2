package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;
import com.facetrust.interfaces.console.api.ApiQuery;
import com.facetrust.interfaces.console.api.UserDelegatedApi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.util.List;

/**
 * "Who does the server think I am?": shows the identity the EJB container sees for the logged-in person
 * ({@code CallerService.whoAmI()} through {@code GET /me}) and lets them try one guarded EJB method per duty, which
 * the container allows or refuses by their realm roles. Proof, visible in the browser, that the console's
 * calls are made as the person and not anonymously.
 */
@Named("accessCheck")
@RequestScoped
public class AccessCheckPage extends ConsolePage {
    /** The duties whose guarded EJB method a person may try ({@code GET /me/duties/{duty}}, guarded by the EJB only). */
    static final List<String> DUTIES = List.of("sysadmin", "operator", "auditor");

    @Inject
    UserDelegatedApi api;

    private JsonObject me;
    private String triedDuty = "";
    private String tryResult = "";

    private JsonObject me() {
        if (me == null) {
            JsonStructure answer = fetch(() -> api.get(ApiQuery.path("me")));
            me = answer instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
        }
        return me;
    }

    private JsonObject ejb() {
        return me().get("ejb") instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
    }

    /** The principal name the EJB container sees. */
    public String getEjbName() {
        return ApiJson.text(ejb(), "name");
    }

    /** The FaceTrust roles the EJB container grants that principal. */
    public String getEjbRoles() {
        return ApiJson.text(ejb(), "roles");
    }

    /** The principal name in the token the API accepted. */
    public String getTokenName() {
        return ApiJson.text(me(), "name");
    }

    /** The token's groups (realm roles). */
    public String getTokenGroups() {
        return ApiJson.text(me(), "groups");
    }

    /** Calls the guarded EJB method of the given duty as the logged-in person. */
    public void tryDuty(String duty) {
        if (!DUTIES.contains(duty)) {
            return;
        }
        clearOutcome();
        triedDuty = duty;
        JsonStructure answer = fetch(() -> api.get(ApiQuery.path("me/duties/%s", duty)));
        if (answer instanceof JsonObject o) {
            tryResult = "allowed: the EJB method " + ApiJson.text(o, "checkedBy") + " ran as "
                    + ApiJson.text(o, "name");
        } else {
            tryResult = isRefused() ? "refused by the EJB container's role check (@RolesAllowed)" : "failed";
        }
    }

    public String getTriedDuty() {
        return triedDuty;
    }

    public String getTryResult() {
        return tryResult;
    }
}
