/**
 * REST resources of the recognition policy under {@code /api/v1/policy}: the sysadmin's blocklist (D-6.6 e) and the
 * configured channels (A-4 f, D-6.3 e) for sysadmin and operator. Documented with MicroProfile OpenAPI annotations.
 */
package com.facetrust.interfaces.rest.policy;
