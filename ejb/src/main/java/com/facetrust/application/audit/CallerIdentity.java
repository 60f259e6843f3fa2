package com.facetrust.application.audit;

import com.facetrust.application.security.RequestOrigin;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.context.ContextNotActiveException;

import java.security.Principal;

/**
 * Who acted and from where, as the audit log and the events record it: the EJB caller principal ("system" for the
 * timer and anonymous calls), and the request's origin when there is one.
 */
record CallerIdentity(String principal, String clientId, String sourceAddress, String device) {
    static final String SYSTEM = "system";

    static CallerIdentity of(SessionContext context, RequestOrigin origin) {
        String principal = SYSTEM;
        try {
            Principal p = context.getCallerPrincipal();
            if (p != null && p.getName() != null && !p.getName().isBlank() && !"anonymous".equals(p.getName())) {
                principal = p.getName().length() <= 128 ? p.getName() : p.getName().substring(0, 128);
            }
        } catch (IllegalStateException e) {
            // no caller context (should not happen in a business method): treat as the system itself
        }
        try {
            return new CallerIdentity(principal, origin.clientId(), origin.sourceAddress(), origin.device());
        } catch (ContextNotActiveException e) {
            return new CallerIdentity(principal, null, null, null); // outside any request (timer thread)
        }
    }
}
