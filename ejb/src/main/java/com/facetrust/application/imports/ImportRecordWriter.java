package com.facetrust.application.imports;

import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.domain.imports.ImportJob;
import com.facetrust.domain.imports.ImportRecordOutcome;
import com.facetrust.domain.imports.ImportSource;
import com.facetrust.infrastructure.persistence.UniqueViolation;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions of a batch import: one XA transaction per record over both stores (subject, consents with their
 * evidence, face references — all or nothing, so a bad record never leaves half a subject), and the job's progress
 * and per-record outcome in transactions of their own. Internal: reached only from {@link BatchImport}, whose entry
 * point checks the caller's role; the executor thread that runs a job has no caller identity, hence
 * {@code @PermitAll}.
 */
@Stateless
@PermitAll
public class ImportRecordWriter {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<com.facetrust.application.gallery.FaceDataChanged> faceDataChanged;

    /** What one valid record becomes. */
    record NewSubject(SubjectUid uid, UUID dataKeyId, byte[] personalData, List<ConsentRecordData> consents,
                      List<FaceReference> references, String by) {
    }

    /** One consent with its evidence (times already checked). */
    record ConsentRecordData(com.facetrust.domain.identity.ConsentPurpose purpose, String noticeVersion,
                             String channel, java.time.Instant givenAt, java.time.Instant retainUntil,
                             String evidence) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(NewSubject record) {
        Subject subject = new Subject(record.uid(), clock.instant(), record.by());
        if (record.dataKeyId() != null) {
            subject.assignDataKey(record.dataKeyId());
        }
        if (record.personalData() != null) {
            subject.setPersonalData(record.personalData());
        }
        try {
            identity.persist(subject);
            for (ConsentRecordData c : record.consents()) {
                identity.persist(new ConsentRecord(subject, c.purpose(), c.noticeVersion(), c.channel(), c.givenAt(),
                        c.retainUntil(), c.evidence()));
            }
            identity.flush();
            record.references().forEach(biometric::persist);
            biometric.flush();
            if (!record.references().isEmpty()) {
                // The 1:N gallery re-reads the subject after this transaction commits (identification consent).
                faceDataChanged.fire(com.facetrust.application.gallery.FaceDataChanged.subject(record.uid().value(),
                        "import"));
            }
        } catch (PersistenceException e) {
            throw UniqueViolation.isCause(e)
                    ? new FaceTrustException(FailureCode.SUBJECT_DUPLICATE, "already recorded", List.of(), e)
                    : new FaceTrustException(FailureCode.DATABASE_FAULT, "a store refused the record", List.of(), e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ImportSource> source(String name) {
        return identity.createQuery("select s from ImportSource s where s.name = :n", ImportSource.class)
                .setParameter("n", name).getResultList().stream().findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createJob(ImportJob job) {
        identity.persist(job);
        identity.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordOutcome(String jobId, String recordId, String outcome, String reasons, String uid) {
        ImportJob job = identity.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        job.recordOutcome("OK".equals(outcome));
        identity.persist(new ImportRecordOutcome(jobId, recordId, outcome, reasons, uid, clock.instant()));
        identity.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finishJob(String jobId, ImportJob.State state) {
        identity.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE).finish(state, clock.instant());
        identity.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ImportJobView> job(String jobId) {
        ImportJob job = identity.find(ImportJob.class, jobId);
        if (job == null) {
            return Optional.empty();
        }
        List<ImportRecordOutcome> outcomes = identity.createQuery("select o from ImportRecordOutcome o "
                        + "where o.jobId = :j order by o.id", ImportRecordOutcome.class)
                .setParameter("j", jobId).getResultList();
        return Optional.of(ImportJobView.of(job, outcomes));
    }
}
