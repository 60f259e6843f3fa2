package com.facetrust.infrastructure.persistence;

import java.sql.SQLException;

/**
 * Recognises a unique-constraint violation in an exception chain by its standard SQLState 23505 (the same on H2 and
 * PostgreSQL), so duplicates can be answered with a coded 409 instead of a fault, without Hibernate-specific types.
 */
public final class UniqueViolation {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
