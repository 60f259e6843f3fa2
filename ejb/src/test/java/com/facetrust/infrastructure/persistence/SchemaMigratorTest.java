package com.facetrust.infrastructure.persistence;

import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SchemaMigrator} on H2 with the real migrations of the jpa module (on the class path). */
class SchemaMigratorTest {
    private final SchemaMigrator migrator = new SchemaMigrator(SchemaMigratorTest.class.getClassLoader());

    private static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @Test
    void migratesAnEmptyStoreOnceThenFindsItCurrent() {
        DataSource ds = freshH2();
        assertEquals("none", migrator.schemaVersion(DataStore.IDENTITY, ds));
        MigrationOutcome first = migrator.migrate(DataStore.IDENTITY, ds);
        // Every migration of the store applies to an empty store; versions are numbered 1..n without gaps.
        assertTrue(first.appliedNow() >= 1, "no migration applied");
        assertEquals(Integer.toString(first.appliedNow()), first.schemaVersion());
        MigrationOutcome second = migrator.migrate(DataStore.IDENTITY, ds);
        assertEquals(0, second.appliedNow());
        assertNull(migrator.integrityProblem(DataStore.IDENTITY, ds));
    }

    @Test
    void selfCheckReportsAnEditedHistory() throws Exception {
        DataSource ds = freshH2();
        migrator.migrate(DataStore.BIOMETRIC, ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 "
                    + "WHERE \"version\" = '1'");
        }
        String problem = migrator.integrityProblem(DataStore.BIOMETRIC, ds);
        assertNotNull(problem);
        assertTrue(problem.toLowerCase().contains("checksum"), problem);
    }

    @Test
    void selfCheckReportsAStoreThatWasNeverMigrated() {
        assertNotNull(migrator.integrityProblem(DataStore.IDENTITY, freshH2()),
                "pending migrations are a problem, not a healthy store");
    }

    @Test
    void aMissingMigrationFolderFailsInsteadOfLookingCurrent() throws Exception {
        // A class loader that cannot see the jpa jar: a packaging mistake must not pass as "nothing to migrate".
        Path empty = Files.createTempDirectory("no-migrations");
        try (URLClassLoader blind = new URLClassLoader(new URL[]{empty.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            SchemaMigrator misconfigured = new SchemaMigrator(blind);
            assertThrows(FlywayException.class, () -> misconfigured.migrate(DataStore.IDENTITY, freshH2()));
        } finally {
            Files.deleteIfExists(empty);
        }
    }
}
