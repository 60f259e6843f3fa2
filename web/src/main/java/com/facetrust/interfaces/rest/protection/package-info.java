/**
 * REST resources for template protection operations (issue 4 "Renewable", A-7.2b): domain-key rotation runs for
 * system administrators, their progress for system administrators and auditors.
 */
package com.facetrust.interfaces.rest.protection;
