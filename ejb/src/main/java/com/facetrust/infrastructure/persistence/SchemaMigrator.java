package com.facetrust.infrastructure.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * Runs and checks the versioned Flyway migrations of one store. Plain Java (no container types), so the same code
 * migrates in the server's start-up bean, in tests and from a command line.
 *
 * <p>Flyway is told which class loader to scan (the one that sees the jpa jar), fails when the migration folder is
 * missing (a packaging mistake must never look like an up-to-date store), and can never clean (drop) a store.
 */
public final class SchemaMigrator {
    private final ClassLoader classLoader;

    public SchemaMigrator(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    private Flyway flyway(DataStore store, DataSource dataSource) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations("classpath:" + store.migrationFolder())
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    /** Brings the store to the newest version; validates already-applied migrations (checksums) first. */
    public MigrationOutcome migrate(DataStore store, DataSource dataSource) {
        Flyway flyway = flyway(store, dataSource);
        MigrateResult result = flyway.migrate();
        return new MigrationOutcome(store, result.migrationsExecuted, currentVersion(flyway));
    }

    /**
     * Self-check (A-9.2a): applied migrations still match the scripts shipped (no edited history, no edited
     * script, nothing pending or unknown). Returns null when valid, otherwise Flyway's description of the problem.
     */
    public String integrityProblem(DataStore store, DataSource dataSource) {
        ValidateResult result = flyway(store, dataSource).validateWithResult();
        if (result.validationSuccessful) {
            return null;
        }
        return result.getAllErrorMessages();
    }

    /** The schema version the store is at, or "none" for an empty store. */
    public String schemaVersion(DataStore store, DataSource dataSource) {
        return currentVersion(flyway(store, dataSource));
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }
}
