package com.facetrust.application.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

import java.util.List;

/**
 * Tells who is calling, from inside the EJB container. Each method is guarded by one role family, so a call through
 * the REST layer shows both that the caller's identity was propagated and that the container enforces the role
 * (the REST layer checks too; this is the second line, A-8.5 "each operation within its grant").
 *
 * <p>Later issues replace these probes with real operations of each duty; keep them small.
 */
@Stateless
@DeclareRoles({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR,
        FaceTrustRoles.ENROL, FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY})
public class CallerService {

    @Resource
    private SessionContext sessionContext;

    /** Any caller, even anonymous: the REST layer decides whether an unauthenticated call may get this far. */
    @PermitAll
    public CallerView whoAmI() {
        return view("whoAmI");
    }

    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public CallerView asSysadmin() {
        return view("asSysadmin");
    }

    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public CallerView asOperator() {
        return view("asOperator");
    }

    @RolesAllowed(FaceTrustRoles.AUDITOR)
    public CallerView asAuditor() {
        return view("asAuditor");
    }

    @RolesAllowed(FaceTrustRoles.VERIFY)
    public CallerView asVerifier() {
        return view("asVerifier");
    }

    private CallerView view(String method) {
        List<String> granted = FaceTrustRoles.ALL.stream().filter(sessionContext::isCallerInRole).toList();
        return new CallerView(sessionContext.getCallerPrincipal().getName(), granted, method);
    }
}
