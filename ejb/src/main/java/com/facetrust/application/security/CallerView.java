package com.facetrust.application.security;

import java.io.Serializable;
import java.util.List;

/**
 * The caller as the EJB container sees it: the principal name that arrived with the call and which of FaceTrust's
 * roles the container grants it. Used to prove that the REST layer's identity reaches {@code @RolesAllowed} beans.
 *
 * @param name  the caller principal's name (Keycloak's {@code upn}/{@code preferred_username} for people,
 *              {@code service-account-<client>} for internal applications)
 * @param roles FaceTrust roles the container grants, in {@link FaceTrustRoles#ALL} order
 * @param checkedBy which guarded EJB method answered, so tests can tell the call went through that method's guard
 */
public record CallerView(String name, List<String> roles, String checkedBy) implements Serializable {
    public CallerView {
        roles = List.copyOf(roles);
    }
}
