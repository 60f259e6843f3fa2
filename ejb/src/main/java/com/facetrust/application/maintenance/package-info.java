/**
 * Scheduled upkeep on the timer service: {@link com.facetrust.application.maintenance.MaintenanceSchedule} runs the
 * periodic job (store census, overdue-deletion alarm, schema self-check now; the deletion sweep of issue 4 and the
 * self-check of A-9.2a later).
 */
package com.facetrust.application.maintenance;
