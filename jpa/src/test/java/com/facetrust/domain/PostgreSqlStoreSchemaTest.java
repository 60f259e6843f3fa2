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
 * The same store checks on a real PostgreSQL, when one is given: {@code -Dfacetrust.test.postgresql.url=
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres} (a role allowed to create databases). Each run creates
 * throw-away databases and drops them afterwards. Skipped, saying so, without the property.
 */
class PostgreSqlStoreSchemaTest extends StoreSchemaChecks {
    private final List<String> created = new ArrayList<>();

    private static String adminUrl() {
        String url = System.getProperty("facetrust.test.postgresql.url", "");
        Assumptions.assumeFalse(url.isBlank(),
                "No PostgreSQL given (-Dfacetrust.test.postgresql.url=...): PostgreSQL checks skipped");
        return url;
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
        if (created.isEmpty()) return;
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
