/**
 * Persistence plumbing shared by the application services: the two stores and their datasources
 * ({@link com.facetrust.infrastructure.persistence.DataStore}), running and checking the Flyway migrations
 * ({@link com.facetrust.infrastructure.persistence.SchemaMigrator}) and reading database failures. Plain Java, so it
 * also runs outside the server.
 */
package com.facetrust.infrastructure.persistence;
