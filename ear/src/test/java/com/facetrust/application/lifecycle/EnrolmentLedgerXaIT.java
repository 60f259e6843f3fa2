package com.facetrust.application.lifecycle;

import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.platform.DeployedEar;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The XA proof (issue 2; issue 4 "no half-enrolled subject ever"): {@link EnrolmentLedger} writes the identity store
 * and the biometric store in one JTA transaction over the two XA datasources of the real, provisioned server, and
 * either both stores keep the enrolment or neither does. Every outcome is checked afterwards with plain JDBC on each
 * datasource, outside any JTA transaction (each query its own database transaction), never through the JPA context
 * that did the writing.
 */
@ExtendWith(ArquillianExtension.class)
class EnrolmentLedgerXaIT {

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = DeployedEar.withTestClasses(EnrolmentLedgerXaIT.class);
        DeployedEar.addBeanLibrary(ear, "facetrust-test-probe.jar", BetweenWritesProbe.class);
        return ear;
    }

    @EJB
    EnrolmentLedger ledger;

    @Inject
    BetweenWritesProbe probe;

    private DataSource identityStore;
    private DataSource biometricStore;
    private UserTransaction transaction;

    @BeforeEach
    void lookUp() throws Exception {
        InitialContext jndi = new InitialContext();
        identityStore = (DataSource) jndi.lookup("java:jboss/datasources/IdentityDS");
        biometricStore = (DataSource) jndi.lookup("java:jboss/datasources/BiometricDS");
        transaction = (UserTransaction) jndi.lookup("java:jboss/UserTransaction");
    }

    /** A complete enrolment: subject + privacy and face consents, and a face reference under a pseudonym. */
    private record Enrolment(Subject subject, List<ConsentRecord> consents, FaceReference reference) {
        static Enrolment fresh(SubjectUid uid, String referenceId) {
            Instant now = Instant.now();
            Subject subject = new Subject(uid, now);
            List<ConsentRecord> consents = List.of(
                    new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, "privacy-1", "web", now, null),
                    new ConsentRecord(subject, ConsentPurpose.FACE_VERIFICATION, "face-1", "web", now, null));
            byte[] template = new byte[2076]; // size of a protected 512-d template; content irrelevant here
            new java.security.SecureRandom().nextBytes(template);
            FaceReference reference = new FaceReference(referenceId, "ps" + uid.value() + "0123456789abcdef",
                    "xa-test", template, 1, "xa-test-model@1", now);
            return new Enrolment(subject, consents, reference);
        }

        static Enrolment fresh() {
            return fresh(SubjectUid.generate(), FaceReference.newReferenceId());
        }

        void recordWith(EnrolmentLedger ledger) {
            ledger.recordEnrolment(subject, consents, reference);
        }

        String uid() { return subject.uid().value(); }
        String referenceId() { return reference.referenceId(); }
    }

    @Test
    void successCommitsBothStores() throws Exception {
        Enrolment enrolment = Enrolment.fresh();
        enrolment.recordWith(ledger);

        assertEquals(1, subjectRows(enrolment.uid()));
        assertEquals(2, consentRows(enrolment.uid()));
        assertEquals(1, referenceRows(enrolment.referenceId()));
    }

    @Test
    void biometricStoreFailureRollsBackTheIdentityWrite() throws Exception {
        Enrolment first = Enrolment.fresh();
        first.recordWith(ledger);
        // Same reference id as an existing row: the biometric store's unique constraint refuses the second write.
        Enrolment clash = Enrolment.fresh(SubjectUid.generate(), first.referenceId());

        FaceTrustException failure = assertThrows(FaceTrustException.class, () -> clash.recordWith(ledger));

        assertEquals(FailureCode.REFERENCE_DUPLICATE, failure.failureCode());
        assertEquals(1L, probe.identityRowsSeenInsideTransaction(clash.uid()),
                "the identity rows had reached the identity database before the biometric store refused");
        assertEquals(0, subjectRows(clash.uid()), "identity write rolled back");
        assertEquals(0, consentRows(clash.uid()), "consents rolled back");
        assertEquals(1, referenceRows(first.referenceId()), "the earlier enrolment is untouched");
    }

    @Test
    void identityStoreFailureWritesNothingToTheBiometricStore() throws Exception {
        Enrolment first = Enrolment.fresh();
        first.recordWith(ledger);
        Enrolment sameUid = Enrolment.fresh(first.subject().uid(), FaceReference.newReferenceId());

        FaceTrustException failure = assertThrows(FaceTrustException.class, () -> sameUid.recordWith(ledger));

        assertEquals(FailureCode.SUBJECT_DUPLICATE, failure.failureCode());
        assertEquals(0, referenceRows(sameUid.referenceId()));
        assertEquals(1, subjectRows(first.uid()));
    }

    /**
     * The identity store fails after the biometric store has already written in the same transaction: enrolment A
     * is written to both stores, then, still in the same transaction, enrolment B with A's UID is refused by the
     * identity store. The transaction can then only roll back, and A's biometric row — already in the biometric
     * database — must go with it.
     */
    @Test
    void identityStoreFailureRollsBackBiometricRowsAlreadyWritten() throws Exception {
        Enrolment a = Enrolment.fresh();
        Enrolment b = Enrolment.fresh(a.subject().uid(), FaceReference.newReferenceId());

        transaction.begin();
        try {
            a.recordWith(ledger);
            assertEquals(1, referenceRowsInsideTransaction(a.referenceId()),
                    "A's biometric row is in the biometric database inside the transaction");
            FaceTrustException failure = assertThrows(FaceTrustException.class, () -> b.recordWith(ledger));
            assertEquals(FailureCode.SUBJECT_DUPLICATE, failure.failureCode());
            assertEquals(Status.STATUS_MARKED_ROLLBACK, transaction.getStatus(),
                    "a store failure leaves the transaction able only to roll back");
        } finally {
            transaction.rollback();
        }

        assertEquals(0, subjectRows(a.uid()));
        assertEquals(0, consentRows(a.uid()));
        assertEquals(0, referenceRows(a.referenceId()), "A's biometric write rolled back with the identity failure");
        assertEquals(0, referenceRows(b.referenceId()));
    }

    @Test
    void failureBetweenTheTwoWritesRollsBackBoth() throws Exception {
        Enrolment enrolment = Enrolment.fresh();
        probe.failBetweenWritesFor(enrolment.uid());

        EJBException failure = assertThrows(EJBException.class, () -> enrolment.recordWith(ledger));

        assertEquals("injected failure between the identity and the biometric write",
                rootCause(failure).getMessage());
        assertEquals(1L, probe.identityRowsSeenInsideTransaction(enrolment.uid()),
                "the identity write had happened when the failure struck");
        assertEquals(0, subjectRows(enrolment.uid()));
        assertEquals(0, consentRows(enrolment.uid()));
        assertEquals(0, referenceRows(enrolment.referenceId()));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private long subjectRows(String uid) throws Exception {
        return count(identityStore, "SELECT COUNT(*) FROM subject WHERE uid = ?", uid);
    }

    private long consentRows(String uid) throws Exception {
        return count(identityStore, "SELECT COUNT(*) FROM consent_record c JOIN subject s ON c.subject_id = s.id"
                + " WHERE s.uid = ?", uid);
    }

    private long referenceRows(String referenceId) throws Exception {
        return count(biometricStore, "SELECT COUNT(*) FROM face_reference WHERE reference_id = ?", referenceId);
    }

    private long referenceRowsInsideTransaction(String referenceId) throws Exception {
        return referenceRows(referenceId); // called while the JTA transaction is active: enlisted connection
    }

    /** Runs outside the test's JTA transaction unless one is active (then it joins it, on purpose). */
    private static long count(DataSource store, String sql, String parameter) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
