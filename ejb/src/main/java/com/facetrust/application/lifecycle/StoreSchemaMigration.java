package com.facetrust.application.lifecycle;

import com.facetrust.infrastructure.persistence.DataStore;
import com.facetrust.infrastructure.persistence.MigrationOutcome;
import com.facetrust.infrastructure.persistence.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings both stores to the current schema when the application starts, then proves the entity mappings match it.
 *
 * <p>Why this shape: the persistence units bootstrap while the EAR deploys, before any {@code @Startup} bean runs, so
 * they cannot validate a schema that does not exist yet. They therefore run with schema generation {@code none}, and
 * this bean — first to start — runs each store's Flyway migrations on its own datasource and then asks Hibernate's
 * {@code SchemaManager} to validate every mapped table, column and sequence. Any failure here fails the deployment:
 * a store whose schema does not match must not serve. Beans that touch the stores at start-up or from timers declare
 * {@code @DependsOn(StoreSchemaMigration.NAME)}.
 *
 * <p>Bean-managed transactions: Flyway commits its own work; inside a container transaction it could not.
 * Config: {@code facetrust.schema.migrate-on-start} (default {@code true}); with {@code false} the stores are only
 * validated (for sites that migrate by hand, see docs/operations.md "Schema migrations").
 */
@Singleton(name = StoreSchemaMigration.NAME)
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StoreSchemaMigration {
    public static final String NAME = "StoreSchemaMigration";
    private static final Logger LOG = Logger.getLogger(StoreSchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/IdentityDS")
    private DataSource identityDataSource;

    @Resource(lookup = "java:jboss/datasources/BiometricDS")
    private DataSource biometricDataSource;

    @PersistenceUnit(unitName = "identity")
    private EntityManagerFactory identityUnit;

    @PersistenceUnit(unitName = "biometric")
    private EntityManagerFactory biometricUnit;

    @Inject
    @ConfigProperty(name = "facetrust.schema.migrate-on-start", defaultValue = "true")
    boolean migrateOnStart;

    private volatile Map<DataStore, MigrationOutcome> outcomes = Map.of();

    @PostConstruct
    void migrateAndValidate() {
        SchemaMigrator migrator = new SchemaMigrator(StoreSchemaMigration.class.getClassLoader());
        Map<DataStore, MigrationOutcome> done = new EnumMap<>(DataStore.class);
        for (DataStore store : DataStore.values()) {
            DataSource dataSource = dataSource(store);
            MigrationOutcome outcome;
            if (migrateOnStart) {
                outcome = migrator.migrate(store, dataSource);
            } else {
                String problem = migrator.integrityProblem(store, dataSource);
                if (problem != null) {
                    throw new IllegalStateException("Store " + store + " is not at the shipped schema and "
                            + "facetrust.schema.migrate-on-start=false: " + problem);
                }
                outcome = new MigrationOutcome(store, 0, migrator.schemaVersion(store, dataSource));
            }
            // Throws SchemaManagementException (deployment fails) on any mapping the schema does not satisfy.
            unit(store).unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
            LOG.info(() -> "Store " + outcome.store() + " at schema version " + outcome.schemaVersion()
                    + " (" + outcome.appliedNow() + " migration(s) applied now); entity mappings validated");
            done.put(store, outcome);
        }
        outcomes = Map.copyOf(done);
    }

    /** The outcome per store of the start-up run (observable by tests and the console). */
    public List<MigrationOutcome> outcomes() {
        return outcomes.values().stream().sorted(java.util.Comparator.comparing(MigrationOutcome::store)).toList();
    }

    DataSource dataSource(DataStore store) {
        return store == DataStore.IDENTITY ? identityDataSource : biometricDataSource;
    }

    private EntityManagerFactory unit(DataStore store) {
        return store == DataStore.IDENTITY ? identityUnit : biometricUnit;
    }
}
