package com.facetrust.domain;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The same store checks on a real PostgreSQL. Which one:
 * <ul>
 *   <li>{@code -Dfacetrust.test.postgresql.url=jdbc:postgresql://host:5432/postgres?user=...} — an existing server
 *       (a role allowed to create databases);</li>
 *   <li>otherwise a throw-away server started from the machine's PostgreSQL binaries ({@link EphemeralPostgres});</li>
 *   <li>otherwise, or with {@code -Dfacetrust.test.postgresql.url=off}, skipped with the reason.</li>
 * </ul>
 * Each run creates its own databases and drops them afterwards.
 */
class PostgreSqlStoreSchemaTest extends StoreSchemaChecks {
    private final List<String> created = new ArrayList<>();
    private EphemeralPostgres ephemeral;
    private String adminUrl;

    private String adminUrl() {
        if (adminUrl != null) {
            return adminUrl;
        }
        String given = System.getProperty("facetrust.test.postgresql.url", "").strip();
        Assumptions.assumeFalse("off".equals(given), "PostgreSQL checks switched off (facetrust.test.postgresql.url=off)");
        if (!given.isEmpty()) {
            adminUrl = given;
            return adminUrl;
        }
        StringBuilder whyNot = new StringBuilder();
        ephemeral = EphemeralPostgres.startIfInstalled(whyNot).orElse(null);
        Assumptions.assumeTrue(ephemeral != null, "PostgreSQL checks skipped: " + whyNot
                + " (or give -Dfacetrust.test.postgresql.url=...)");
        adminUrl = ephemeral.adminUrl();
        return adminUrl;
    }

    @Override
    protected DataSource freshDatabase(String store) throws Exception {
        String admin = adminUrl();
        String name = "ft_test_" + store + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        created.add(name);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
        return ds;
    }

    @Override
    protected void dropDatabases() throws Exception {
        try {
            if (!created.isEmpty() && adminUrl != null) {
                try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                    for (String name : created) {
                        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
            }
        } finally {
            if (ephemeral != null) {
                ephemeral.close();
            }
        }
    }
}
