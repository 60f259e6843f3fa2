package com.facetrust.infrastructure.persistence;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniqueViolationTest {
    @Test
    void findsSqlState23505AnywhereInTheChain() {
        SQLException unique = new SQLException("duplicate key", "23505");
        assertTrue(UniqueViolation.isCause(new PersistenceException(new RuntimeException(unique))));
        SQLException batch = new SQLException("batch failed", "HY000");
        batch.setNextException(unique);
        assertTrue(UniqueViolation.isCause(new PersistenceException(batch)));
    }

    @Test
    void otherFailuresAreNotDuplicates() {
        assertFalse(UniqueViolation.isCause(new PersistenceException(new SQLException("check", "23514"))));
        assertFalse(UniqueViolation.isCause(new PersistenceException("no SQL cause")));
        assertFalse(UniqueViolation.isCause(null));
    }
}
