/**
 * The operation log and security events (A-8.6, A-7.2 d, D-8.2.5 b, A-5.7.5.3, D-6.6 f/i): the hash-chained
 * {@link com.facetrust.application.audit.AuditTrail} writer, the {@link com.facetrust.application.audit.Audited}
 * interceptor that logs every lifecycle operation, chain verification, the stored warnings and alarms, and the
 * auditor's history and reports. Nothing here updates or deletes an audit entry.
 */
package com.facetrust.application.audit;
