package com.facetrust.domain;

import com.facetrust.domain.audit.AuditEntry;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectUid;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks every supported database must pass: the Flyway migrations of each store build exactly the schema the
 * entity mappings expect (Hibernate's own validator, the one the start-up bean runs in the server), each persistence
 * unit knows only its own entities, and the database constraints do their job. Subclasses provide fresh, empty
 * identity and biometric databases of one kind (H2, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreSchemaChecks {

    private DataSource identityDs;
    private DataSource biometricDs;
    private EntityManagerFactory identity;
    private EntityManagerFactory biometric;
    private MigrateResult identityMigration;
    private MigrateResult biometricMigration;

    /** A fresh, empty database for the named store ("identity" or "biometric"). */
    protected abstract DataSource freshDatabase(String store) throws Exception;

    protected void dropDatabases() throws Exception {
    }

    @BeforeAll
    void migrateAndBootstrap() throws Exception {
        identityDs = freshDatabase("identity");
        biometricDs = freshDatabase("biometric");
        identityMigration = flyway(identityDs, "identity").migrate();
        biometricMigration = flyway(biometricDs, "biometric").migrate();
        identity = open("identity", identityDs);
        biometric = open("biometric", biometricDs);
    }

    @AfterAll
    void close() throws Exception {
        if (identity != null) identity.close();
        if (biometric != null) biometric.close();
        dropDatabases();
    }

    static Flyway flyway(DataSource ds, String store) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/" + store)
                .load();
    }

    /** Boots a unit of the real persistence.xml outside a server: same mappings, local transactions. */
    static EntityManagerFactory open(String unit, DataSource ds) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        settings.put("jakarta.persistence.jtaDataSource", ds);
        settings.put("jakarta.persistence.nonJtaDataSource", ds);
        return Persistence.createEntityManagerFactory(unit, settings);
    }

    @Test
    void eachStoreGetsItsOwnMigrationHistory() throws SQLException {
        assertTrue(identityMigration.success);
        assertEquals(shippedMigrations("identity"), identityMigration.migrationsExecuted,
                "every identity migration applied");
        assertTrue(tableExists(identityDs, "attempt_counter"), "recognition policy, identity V7");
        assertTrue(tableExists(identityDs, "blocklist_entry"));
        assertTrue(tableExists(identityDs, "known_device"));
        assertEquals(shippedMigrations("biometric"), biometricMigration.migrationsExecuted);
        assertTrue(tableExists(identityDs, "audit_chain_head"), "audit chain, identity V6");
        assertTrue(tableExists(identityDs, "security_event"));
        assertTrue(tableExists(identityDs, "subject_status_change"), "status history (V8)");
        assertTrue(tableExists(identityDs, "issued_challenge"), "shared liveness challenges (V11)");
        assertFalse(tableExists(biometricDs, "issued_challenge"));
        assertTrue(tableExists(identityDs, "subject"));
        assertTrue(tableExists(identityDs, "audit_entry"));
        assertFalse(tableExists(identityDs, "face_reference"), "no face table in the identity store");
        assertTrue(tableExists(biometricDs, "face_reference"));
        assertFalse(tableExists(biometricDs, "subject"), "no subject table in the biometric store");
        // Re-running is a no-op and the applied scripts still match their checksums.
        assertEquals(0, flyway(identityDs, "identity").migrate().migrationsExecuted);
        assertEquals(0, flyway(biometricDs, "biometric").migrate().migrationsExecuted);
        assertTrue(flyway(identityDs, "identity").validateWithResult().validationSuccessful);
        assertTrue(flyway(biometricDs, "biometric").validateWithResult().validationSuccessful);
    }

    private static int shippedMigrations(String store) {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                StoreSchemaChecks.class.getResource("/db/migration/" + store).toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the migrations of " + store, e);
        }
    }

    @Test
    void migratedSchemaMatchesTheEntityMappings() {
        // Throws SchemaManagementException on any missing table/column/sequence or incompatible type.
        identity.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        biometric.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    @Test
    void eachUnitKnowsOnlyItsOwnEntities() {
        assertThrows(IllegalArgumentException.class, () -> identity.getMetamodel().entity(FaceReference.class));
        assertThrows(IllegalArgumentException.class, () -> biometric.getMetamodel().entity(Subject.class));
        assertThrows(IllegalArgumentException.class, () -> biometric.getMetamodel().entity(ConsentRecord.class));
        assertThrows(IllegalArgumentException.class, () -> biometric.getMetamodel().entity(AuditEntry.class));
        EntityManager em = identity.createEntityManager();
        try {
            em.getTransaction().begin();
            FaceReference reference = reference(FaceReference.newReferenceId(), new byte[64]);
            assertThrows(IllegalArgumentException.class, () -> em.persist(reference),
                    "a face reference cannot be written through the identity unit");
            em.getTransaction().rollback();
        } finally {
            em.close();
        }
    }

    @Test
    void subjectAndConsentRoundTrip() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SubjectUid uid = SubjectUid.generate();
        inTransaction(identity, em -> {
            Subject subject = new Subject(uid, now);
            em.persist(subject);
            em.persist(new ConsentRecord(subject, ConsentPurpose.FACE_VERIFICATION, "notice-1", "web", now,
                    now.plus(365, ChronoUnit.DAYS)));
        });
        EntityManager em = identity.createEntityManager();
        try {
            Subject found = em.createQuery("select s from Subject s where s.uid = :uid", Subject.class)
                    .setParameter("uid", uid.value()).getSingleResult();
            assertEquals(uid, found.uid());
            assertEquals(now, found.createdAt(), "timestamps keep microseconds and the instant");
            ConsentRecord consent = em.createQuery(
                            "select c from ConsentRecord c where c.subject = :s", ConsentRecord.class)
                    .setParameter("s", found).getSingleResult();
            assertTrue(consent.isEffectiveAt(now.plusSeconds(1)));
        } finally {
            em.close();
        }
    }

    @Test
    void faceReferenceRoundTripKeepsTheBytes() {
        byte[] template = new byte[2100];
        for (int i = 0; i < template.length; i++) template[i] = (byte) (i * 31);
        String referenceId = FaceReference.newReferenceId();
        inTransaction(biometric, em -> em.persist(reference(referenceId, template)));
        EntityManager em = biometric.createEntityManager();
        try {
            FaceReference found = em.createQuery(
                            "select r from FaceReference r where r.referenceId = :id", FaceReference.class)
                    .setParameter("id", referenceId).getSingleResult();
            assertArrayEquals(template, found.template());
        } finally {
            em.close();
        }
    }

    @Test
    void duplicateUidIsRefusedByTheStore() {
        SubjectUid uid = SubjectUid.generate();
        Instant now = Instant.now();
        inTransaction(identity, em -> em.persist(new Subject(uid, now)));
        PersistenceException failure = assertThrows(PersistenceException.class,
                () -> inTransaction(identity, em -> em.persist(new Subject(uid, now))));
        assertEquals("23505", sqlState(failure), "unique violation, same SQLState on H2 and PostgreSQL");
    }

    @Test
    void imageSizedTemplateIsRefusedByTheDatabaseItself() throws SQLException {
        // Bypasses the entity's own check to show the CHECK constraint holds for any writer (A-7.4b).
        try (Connection c = biometricDs.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO face_reference (id, reference_id, pseudonym,"
                     + " protection_domain, template, key_version, model_version, created_at, version)"
                     + " VALUES (?, ?, ?, ?, ?, 1, 'm', CURRENT_TIMESTAMP, 0)")) {
            insert.setLong(1, 999_999);
            insert.setString(2, FaceReference.newReferenceId());
            insert.setString(3, "p".repeat(64));
            insert.setString(4, "default");
            insert.setBytes(5, new byte[FaceReference.MAX_TEMPLATE_BYTES + 1]);
            SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
            // Integrity-constraint class 23 (H2 says 23513, PostgreSQL 23514), naming our constraint.
            assertTrue(refused.getSQLState().startsWith("23"), refused.getSQLState());
            assertTrue(refused.getMessage().toLowerCase().contains("ck_face_reference_template_size"),
                    refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> reference(FaceReference.newReferenceId(), new byte[FaceReference.MAX_TEMPLATE_BYTES + 1]));
    }

    @Test
    void validationDetectsASchemaThatDriftedFromTheMappings() throws Exception {
        // Proves the start-up check is not vacuous: a store without a mapped column fails validation.
        DataSource drifted = freshDatabase("drifted");
        flyway(drifted, "biometric").migrate();
        try (Connection c = drifted.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE face_reference DROP COLUMN model_version");
        }
        EntityManagerFactory emf = open("biometric", drifted);
        try {
            assertThrows(org.hibernate.tool.schema.spi.SchemaManagementException.class,
                    () -> emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects());
        } finally {
            emf.close();
        }
    }

    static FaceReference reference(String referenceId, byte[] template) {
        return new FaceReference(referenceId, "a".repeat(64), "default", template, 1, "test-model@1",
                Instant.now());
    }

    static void inTransaction(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            em.close();
        }
    }

    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }

    static boolean tableExists(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
