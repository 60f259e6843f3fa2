package com.facetrust.interfaces.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.security.Principal;
import java.util.List;

/** Backing bean of the pages' header: who is logged in and which console roles they hold. */
@Named("currentUser")
@RequestScoped
public class CurrentUserBean {

    private ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }

    /** Keycloak's preferred_username (oidc.json principal-attribute). */
    public String getName() {
        Principal principal = external().getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    /** The console roles this person holds, in a fixed order. */
    public List<String> getRoles() {
        ExternalContext external = external();
        return ConsoleRoles.ALL.stream().filter(external::isUserInRole).toList();
    }

    public boolean isSysadmin() {
        return external().isUserInRole(ConsoleRoles.SYSADMIN);
    }

    public boolean isOperator() {
        return external().isUserInRole(ConsoleRoles.OPERATOR);
    }

    public boolean isAuditor() {
        return external().isUserInRole(ConsoleRoles.AUDITOR);
    }

    /** The duty of the page that was refused, or "" when the person holds no console role at all. */
    public String getRefusedDuty() {
        Object duty = external().getRequestMap().get(ConsoleAccessFilter.REQUIRED_DUTY);
        return duty == null ? "" : duty.toString();
    }
}
