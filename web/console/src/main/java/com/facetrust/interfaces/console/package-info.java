/**
 * The JSF admin console: pages for the three separated duties (A-8.5: sysadmin, operator, auditor), logged in through
 * Keycloak with WildFly's elytron-oidc-client. People without a console role are refused with a page that says so.
 * Deployed beside the EAR (facetrust-console.war) — see docs/architecture.md for why it is not inside it.
 */
package com.facetrust.interfaces.console;
