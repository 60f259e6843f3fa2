package com.facetrust.application.security;

import java.util.List;

/**
 * The role names FaceTrust checks, exactly as Keycloak puts them in the token's {@code groups} claim. Kept as
 * constants so {@code @RolesAllowed} on REST resources and EJBs cannot drift apart.
 */
public final class FaceTrustRoles {
    /** System administrator: configuration, keys, accounts. */
    public static final String SYSADMIN = "sysadmin";
    /** Data operator: subjects, consent, enrolment, recognition records. */
    public static final String OPERATOR = "operator";
    /** Auditor: reads the operation log; changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Internal application may enrol (client role of facetrust-api, D-8.2.3d). */
    public static final String ENROL = "enrol";
    /** Internal application may verify 1:1. */
    public static final String VERIFY = "verify";
    /** Internal application may identify 1:N. */
    public static final String IDENTIFY = "identify";
    /**
     * Internal application may learn WHO an identification matched (A-5.7.2: the UID only to callers whose role
     * allows it). Without it (and without {@link #OPERATOR}) an identification answers MATCH without the UID.
     */
    public static final String IDENTIFY_UID = "identify-uid";

    /** The roles a person needs to use the admin console. */
    public static final List<String> CONSOLE_ROLES = List.of(SYSADMIN, OPERATOR, AUDITOR);
    /** Every role FaceTrust knows, in a stable order for display. */
    public static final List<String> ALL = List.of(SYSADMIN, OPERATOR, AUDITOR, ENROL, VERIFY, IDENTIFY,
            IDENTIFY_UID);

    private FaceTrustRoles() {
    }
}
