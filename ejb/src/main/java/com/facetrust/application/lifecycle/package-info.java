/**
 * Services for the data lifecycle over the two stores: the start-up schema migration
 * ({@link com.facetrust.application.lifecycle.StoreSchemaMigration}) and the all-or-nothing enrolment write across
 * the identity and biometric stores in one XA transaction
 * ({@link com.facetrust.application.lifecycle.EnrolmentLedger}). Enrolment, change, deregistration and deletion
 * services of issue 4 grow here.
 */
package com.facetrust.application.lifecycle;
