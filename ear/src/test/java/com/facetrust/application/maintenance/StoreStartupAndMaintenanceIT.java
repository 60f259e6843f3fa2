package com.facetrust.application.maintenance;

import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.infrastructure.persistence.DataStore;
import com.facetrust.infrastructure.persistence.MigrationOutcome;
import com.facetrust.platform.DeployedEar;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the real server: the start-up bean migrated both stores (one Flyway history each) and validated the mappings
 * before anything used them; the maintenance timer really fires (its schedule is set to every 2 s for this
 * deployment through MicroProfile Config) and its schema self-check notices a tampered migration history.
 */
@ExtendWith(ArquillianExtension.class)
class StoreStartupAndMaintenanceIT {

    private static final String EJB_MODULE = "facetrust-ejb.jar";
    private static final String TEST_SCHEDULE = """
            # test deployment only: run the maintenance job every 2 seconds
            facetrust.maintenance.second=*/2
            facetrust.maintenance.minute=*
            facetrust.maintenance.hour=*
            """;

    @Deployment
    static EnterpriseArchive deployment() throws Exception {
        EnterpriseArchive ear = DeployedEar.withTestClasses(StoreStartupAndMaintenanceIT.class);
        // The schedule is read by the EJB module's MicroProfile Config, so the test setting goes into that module.
        ArchivePath ejbPath = ArchivePaths.create(EJB_MODULE);
        JavaArchive ejb = ear.getAsType(JavaArchive.class, ejbPath);
        String existing = "";
        Node config = ejb.get("META-INF/microprofile-config.properties");
        if (config != null && config.getAsset() != null) {
            try (InputStream in = config.getAsset().openStream()) {
                existing = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
            }
            ejb.delete("META-INF/microprofile-config.properties");
        }
        ejb.addAsManifestResource(new StringAsset(existing + TEST_SCHEDULE), "microprofile-config.properties");
        ear.delete(ejbPath);
        ear.addAsModule(ejb);
        return ear;
    }

    @EJB
    StoreSchemaMigration migration;

    @EJB
    MaintenanceSchedule maintenance;

    @Test
    void bothStoresWereMigratedAtStartupEachWithItsOwnHistory() throws Exception {
        List<MigrationOutcome> outcomes = migration.outcomes();
        assertEquals(2, outcomes.size());
        for (MigrationOutcome outcome : outcomes) {
            // Every shipped version applied, numbered 1..n without gaps (identity: V2-V5 subject lifecycle, V6 audit
            // chain and events, later ones by later issues), so a new migration does not need this test changed.
            int version = Integer.parseInt(outcome.schemaVersion());
            assertTrue(version >= (outcome.store() == DataStore.IDENTITY ? 6 : 1), outcome.toString());
            assertEquals(java.util.stream.IntStream.rangeClosed(1, version).mapToObj(Integer::toString).toList(),
                    appliedVersions(store(outcome.store())), outcome.store() + " is at the shipped version");
        }
        assertTrue(tableExists(store(DataStore.IDENTITY), "SUBJECT"));
        assertFalse(tableExists(store(DataStore.IDENTITY), "FACE_REFERENCE"), "no face data in the identity store");
        assertTrue(tableExists(store(DataStore.BIOMETRIC), "FACE_REFERENCE"));
        assertFalse(tableExists(store(DataStore.BIOMETRIC), "SUBJECT"), "no identities in the biometric store");
    }

    @Test
    void maintenanceTimerFiresOnItsConfiguredSchedule() throws Exception {
        assertTrue(maintenance.schedule().orElseThrow().contains("*/2"), maintenance.schedule().toString());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (maintenance.timerRuns() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(maintenance.timerRuns() > 0, "the timer fired within 20 s");
        MaintenanceReport report = maintenance.lastReport().orElseThrow();
        assertTrue(report.schemaProblems().isEmpty(), report.schemaProblems().toString());
    }

    @Test
    void manualRunCountsTheStores() throws Exception {
        MaintenanceReport report = maintenance.runNow();
        assertEquals("manual", report.trigger());
        assertEquals(count(store(DataStore.IDENTITY), "SELECT COUNT(*) FROM subject WHERE status = 'ACTIVE'"),
                report.activeSubjects());
        assertEquals(count(store(DataStore.BIOMETRIC), "SELECT COUNT(*) FROM face_reference"),
                report.faceReferences());
        assertTrue(report.healthy(), report.toString());
    }

    @Test
    void selfCheckDetectsATamperedMigrationHistory() throws Exception {
        DataSource biometric = store(DataStore.BIOMETRIC);
        int original = (int) count(biometric, "SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '1'");
        try {
            execute(biometric, "UPDATE \"flyway_schema_history\" SET \"checksum\" = " + (original + 1)
                    + " WHERE \"version\" = '1'");
            MaintenanceReport report = maintenance.runNow();
            assertEquals(1, report.schemaProblems().size(), report.schemaProblems().toString());
            assertTrue(report.schemaProblems().get(0).startsWith("BIOMETRIC"), report.schemaProblems().toString());
            assertFalse(report.healthy());
        } finally {
            execute(biometric, "UPDATE \"flyway_schema_history\" SET \"checksum\" = " + original
                    + " WHERE \"version\" = '1'");
        }
        assertTrue(maintenance.runNow().schemaProblems().isEmpty(), "restored history validates again");
    }

    private static DataSource store(DataStore store) throws Exception {
        return (DataSource) new InitialContext().lookup(store.jndiName());
    }

    private static List<String> appliedVersions(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL "
                     + "ORDER BY \"installed_rank\"")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }

    private static boolean tableExists(DataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE UPPER(table_name) = ?")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
