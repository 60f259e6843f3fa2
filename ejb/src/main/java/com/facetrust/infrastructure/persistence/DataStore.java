package com.facetrust.infrastructure.persistence;

/**
 * The two stores (B-5.4.2, C-6.1.5: identity data and face data separate): for each, its persistence unit, the JNDI
 * name of its XA datasource (configured by server-config) and the classpath folder of its Flyway migrations
 * (in the jpa module). One Flyway history per datasource, so each store versions its schema on its own.
 */
public enum DataStore {
    IDENTITY("identity", "java:jboss/datasources/IdentityDS", "db/migration/identity"),
    BIOMETRIC("biometric", "java:jboss/datasources/BiometricDS", "db/migration/biometric");

    private final String unitName;
    private final String jndiName;
    private final String migrationFolder;

    DataStore(String unitName, String jndiName, String migrationFolder) {
        this.unitName = unitName;
        this.jndiName = jndiName;
        this.migrationFolder = migrationFolder;
    }

    public String unitName() { return unitName; }
    public String jndiName() { return jndiName; }
    public String migrationFolder() { return migrationFolder; }
}
