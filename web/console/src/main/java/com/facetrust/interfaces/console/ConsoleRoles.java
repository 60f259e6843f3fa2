package com.facetrust.interfaces.console;

import java.util.List;

/**
 * The realm roles that open the console. Same names as {@code com.facetrust.application.security.FaceTrustRoles}
 * and the realm JSON; repeated here because this WAR is deployed separately from the EAR that holds that class.
 */
public final class ConsoleRoles {
    public static final String SYSADMIN = "sysadmin";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final List<String> ALL = List.of(SYSADMIN, OPERATOR, AUDITOR);

    private ConsoleRoles() {
    }
}
