package com.facetrust.infrastructure.persistence;

/**
 * What happened to one store's schema: how many migrations this run applied and the version it is now at.
 *
 * @param appliedNow migrations executed by this run (0 when the store was already current)
 * @param schemaVersion current schema version after the run, e.g. "1"
 */
public record MigrationOutcome(DataStore store, int appliedNow, String schemaVersion) {
}
