/**
 * REST resources of the operation log and the security events (A-8.6, A-5.7.5.3, D-6.6 f/i): the auditor's history,
 * reports and chain verification under {@code /audit}, the operators' events under {@code /events}. There is no
 * path that updates or deletes an audit entry.
 */
package com.facetrust.interfaces.rest.audit;
