package com.facetrust.application.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only observer of {@link SubjectRecorded}, deployed in a jar of the test EAR's lib/ (so the EJB module's CDI
 * sees it). Between the ledger's identity write and its biometric write it (1) looks inside the running transaction
 * to witness that the subject row really reached the identity database, and (2) when armed for that UID, throws —
 * the "failure between the two writes" case.
 */
@ApplicationScoped
public class BetweenWritesProbe {
    private final Map<String, Long> witnessedIdentityRows = new ConcurrentHashMap<>();
    private final Map<String, Boolean> armed = new ConcurrentHashMap<>();

    /** Make the next enrolment of this UID fail between the two writes. */
    public void failBetweenWritesFor(String uid) {
        armed.put(uid, Boolean.TRUE);
    }

    /** Subject rows with this UID that the transaction itself saw between the two writes (null: never observed). */
    public Long identityRowsSeenInsideTransaction(String uid) {
        return witnessedIdentityRows.get(uid);
    }

    void onSubjectRecorded(@Observes SubjectRecorded event) throws NamingException, SQLException {
        String uid = event.uid().value();
        // Same JTA transaction, same XA branch: sees the flushed but uncommitted identity rows.
        DataSource identity = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = identity.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM subject WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                witnessedIdentityRows.put(uid, rs.getLong(1));
            }
        }
        if (armed.remove(uid) != null) {
            throw new IllegalStateException("injected failure between the identity and the biometric write");
        }
    }
}
