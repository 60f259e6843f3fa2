package com.facetrust.domain;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/** The store checks on H2, the default database (in-memory here; the server uses H2 files). */
class H2StoreSchemaTest extends StoreSchemaChecks {
    @Override
    protected DataSource freshDatabase(String store) {
        JdbcDataSource ds = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1 keeps the in-memory database alive between connections, like a file database.
        ds.setURL("jdbc:h2:mem:" + store + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
