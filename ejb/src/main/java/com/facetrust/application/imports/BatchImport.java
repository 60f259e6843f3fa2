package com.facetrust.application.imports;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.enrolment.ConsentNotice;
import com.facetrust.application.enrolment.ConsentNoticeCatalogue;
import com.facetrust.application.enrolment.EnrolmentSettings;
import com.facetrust.application.enrolment.FaceEnrolment;
import com.facetrust.application.enrolment.SubjectFieldCipher;
import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.face.FaceEngineService;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.domain.imports.ImportJob;
import com.facetrust.domain.imports.ImportSource;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.infrastructure.face.FaceEngine;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Batch import from a declared source (A-5.6.3, D-6.2e). {@link #start}: the archive is read in memory under the
 * zip-bomb limits, the manifest's detached signature is verified with the source's registered key (a bad signature,
 * an unknown source or a broken archive refuses the WHOLE import with its code), a job is recorded and the records
 * are processed on the managed executor: each validated (consent evidence required: purpose, current notice version,
 * given-at, channel, evidence reference; data kinds allowed for the source; images present and matching their
 * signed SHA-256), its images analysed with the enrolment quality profile and zeroed, and the subject, consents and
 * protected references written in ONE XA transaction of its own — a bad record gets its code in the outcome report
 * and never stops or corrupts the rest. Progress and the per-record report: {@link #job}. Each record is audited
 * (IMPORT_RECORD with the outcome).
 */
@Stateless
public class BatchImport {
    private static final Logger LOG = Logger.getLogger(BatchImport.class.getName());

    @EJB
    ImportRecordWriter writer;

    @EJB
    TemplateProtectionService keys;

    @EJB
    FaceEngineService engineService;

    @Inject
    ConsentNoticeCatalogue notices;

    @Inject
    EnrolmentSettings enrolmentSettings;

    @Inject
    ImportSettings settings;

    @Inject
    Instance<AuditLog> audits;

    @Inject
    Instance<SecurityEventLog> eventLogs;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    @Resource
    SessionContext context;

    /** Checks archive, source and signature, records the job and starts it; the zip array is zeroed. */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "IMPORT_START")
    public ImportJobView start(byte[] zip) {
        ImportArchive archive;
        try {
            archive = ImportArchive.read(zip, settings.limits());
        } finally {
            Arrays.fill(zip, (byte) 0);
        }
        boolean started = false;
        try {
            byte[] manifestBytes = archive.entry("manifest.json");
            if (manifestBytes == null) {
                throw ImportManifest.invalid("the archive has no manifest.json", "manifest-missing");
            }
            ImportManifest manifest = ImportManifest.parse(manifestBytes, settings.maxRecords());
            ImportSource source = writer.source(manifest.source()).orElseThrow(() -> new FaceTrustException(
                    FailureCode.IMPORT_SOURCE_UNKNOWN, "no registered import source " + manifest.source()));
            byte[] signature = archive.entry("manifest.sig");
            if (signature == null || !SourceKeys.verifies(source.keyAlgorithm(), source.publicKey(), manifestBytes,
                    signature)) {
                throw new FaceTrustException(FailureCode.IMPORT_SIGNATURE_INVALID, "manifest.sig does not verify "
                        + "under the key of source " + source.name(), List.of("source:" + source.name()));
            }
            String by = SubjectRegistry.actor(context);
            ImportJob job = new ImportJob(UUID.randomUUID().toString(), source.name(), manifest.records().size(), by,
                    clock.instant());
            writer.createJob(job);
            Set<ImportSource.DataKind> kinds = source.dataKinds();
            executor.submit(() -> run(job.id(), source.name(), kinds, manifest, archive));
            started = true;
            LOG.info(() -> "Import " + job.id() + " from " + source.name() + ": " + manifest.records().size()
                    + " record(s) started by " + by);
            return writer.job(job.id()).orElseThrow();
        } finally {
            if (!started) {
                archive.wipe();
            }
        }
    }

    /** Progress and per-record outcomes; FT-3004 when unknown. */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL, FaceTrustRoles.AUDITOR})
    public ImportJobView job(String id) {
        return writer.job(id).orElseThrow(() -> new FaceTrustException(FailureCode.NOT_FOUND, "no import " + id));
    }

    /** The job on the executor: every record on its own; the archive is zeroed at the end. */
    private void run(String jobId, String source, Set<ImportSource.DataKind> kinds, ImportManifest manifest,
                     ImportArchive archive) {
        try {
            for (ImportManifest.Record record : manifest.records()) {
                String outcome;
                String reasons = null;
                String uid = null;
                try {
                    uid = importRecord(record, source, kinds, archive);
                    outcome = "OK";
                } catch (FaceTrustException e) {
                    outcome = e.failureCode().code();
                    reasons = String.join("; ", e.reasons().isEmpty() ? List.of(e.getMessage()) : e.reasons());
                    if (e.failureCode() == FailureCode.IMPORT_SIGNATURE_INVALID
                            || e.failureCode() == FailureCode.IMPORT_DATA_KIND_NOT_ALLOWED) {
                        raise(e.failureCode(), "record " + record.id() + " of source " + source + ": " + reasons);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Import " + jobId + " record " + record.id() + " failed", e);
                    outcome = FailureCode.INTERNAL_ERROR.code();
                }
                writer.recordOutcome(jobId, record.id(), outcome, reasons, uid);
                audit(new AuditRecord("IMPORT_RECORD", uid == null ? "record:" + record.id()
                        : keys.pseudonymizer().pseudonym(uid), outcome, jobId, null, null));
            }
            writer.finishJob(jobId, ImportJob.State.DONE);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Import " + jobId + " stopped", e);
            writer.finishJob(jobId, ImportJob.State.FAILED);
        } finally {
            archive.wipe();
        }
    }

    /** Validates, analyses and writes one record; returns the new subject's UID or throws the record's code. */
    private String importRecord(ImportManifest.Record record, String source, Set<ImportSource.DataKind> kinds,
                                ImportArchive archive) {
        Instant now = clock.instant();
        List<ImportRecordWriter.ConsentRecordData> consents = consents(record, now);
        EnumSet<ConsentPurpose> purposes = EnumSet.noneOf(ConsentPurpose.class);
        consents.forEach(c -> purposes.add(c.purpose()));
        if (!purposes.contains(ConsentPurpose.PRIVACY_POLICY)) {
            throw new FaceTrustException(FailureCode.CONSENT_MISSING, "the privacy-policy consent is required",
                    List.of("missing:" + ConsentPurpose.PRIVACY_POLICY));
        }
        boolean personal = record.name() != null || record.contact() != null;
        if (personal && !kinds.contains(ImportSource.DataKind.PERSONAL_DATA)) {
            throw new FaceTrustException(FailureCode.IMPORT_DATA_KIND_NOT_ALLOWED, "personal data from a source "
                    + "not registered for it", List.of("kind:PERSONAL_DATA"));
        }
        if ((record.name() != null && record.name().length() > 200)
                || (record.contact() != null && record.contact().length() > 200)) {
            throw ImportManifest.invalid("name and contact are at most 200 characters", "personal-data-length");
        }
        List<ImportManifest.Image> images = record.images();
        if (!images.isEmpty()) {
            if (!kinds.contains(ImportSource.DataKind.FACE_IMAGES)) {
                throw new FaceTrustException(FailureCode.IMPORT_DATA_KIND_NOT_ALLOWED, "face images from a source "
                        + "not registered for them", List.of("kind:FACE_IMAGES"));
            }
            if (!purposes.contains(ConsentPurpose.FACE_VERIFICATION)) {
                // D-8.2.5a: no face data is processed without the consent for it.
                throw new FaceTrustException(FailureCode.CONSENT_MISSING, "face images need the face-verification "
                        + "consent; no image was analysed", List.of("missing:" + ConsentPurpose.FACE_VERIFICATION));
            }
            if (images.size() > enrolmentSettings.maxReferences()) {
                throw new FaceTrustException(FailureCode.TOO_MANY_REFERENCES, images.size() + " images, at most "
                        + enrolmentSettings.maxReferences(), List.of("max:" + enrolmentSettings.maxReferences()));
            }
        }
        List<byte[]> copies = imageCopies(images, archive);
        SubjectUid uid = SubjectUid.generate();
        UUID dataKey = null;
        try {
            List<FaceReference> references = new ArrayList<>();
            if (personal || !copies.isEmpty()) {
                dataKey = keys.keyStore().createDataKey();
            }
            if (!copies.isEmpty()) {
                references = protect(uid, dataKey, copies, now);
            }
            byte[] personalData = personal ? SubjectFieldCipher.encryptPersonalData(record.name(), record.contact(),
                    keys.keyStore().dataKey(dataKey), uid.value()) : null;
            writer.write(new ImportRecordWriter.NewSubject(uid, dataKey, personalData, consents, references,
                    "import:" + source));
            return uid.value();
        } catch (RuntimeException e) {
            if (dataKey != null) {
                keys.keyStore().destroyDataKey(dataKey); // nothing committed under it
            }
            throw e;
        } finally {
            copies.forEach(c -> Arrays.fill(c, (byte) 0));
        }
    }

    private List<ImportRecordWriter.ConsentRecordData> consents(ImportManifest.Record record, Instant now) {
        if (record.consents().isEmpty()) {
            throw ImportManifest.invalid("no consent evidence", "consents-missing");
        }
        List<ImportRecordWriter.ConsentRecordData> out = new ArrayList<>();
        EnumSet<ConsentPurpose> seen = EnumSet.noneOf(ConsentPurpose.class);
        for (ImportManifest.Consent c : record.consents()) {
            ConsentPurpose purpose;
            try {
                purpose = ConsentPurpose.valueOf(String.valueOf(c.purpose()));
            } catch (IllegalArgumentException e) {
                throw ImportManifest.invalid("unknown consent purpose " + c.purpose(), "consent-purpose");
            }
            if (!seen.add(purpose)) {
                throw ImportManifest.invalid("consent for " + purpose + " given twice", "consent-duplicate");
            }
            ConsentNotice notice = notices.current(purpose);
            if (!notice.version().equals(c.noticeVersion())) {
                throw new FaceTrustException(FailureCode.CONSENT_NOTICE_OUTDATED, "the current notice for " + purpose
                        + " is " + notice.version(), List.of("current:" + purpose + "=" + notice.version()));
            }
            if (c.evidence() == null || c.evidence().isBlank() || c.evidence().length() > 200) {
                throw ImportManifest.invalid("consent for " + purpose + " without an evidence reference",
                        "evidence-missing:" + purpose);
            }
            try {
                SubjectRegistry.requireChannel(c.channel());
            } catch (FaceTrustException e) {
                throw ImportManifest.invalid("consent for " + purpose + ": bad channel", "channel:" + purpose);
            }
            Instant givenAt;
            try {
                givenAt = Instant.parse(String.valueOf(c.givenAt()));
            } catch (DateTimeParseException e) {
                throw ImportManifest.invalid("consent for " + purpose + ": givenAt is not an ISO-8601 instant",
                        "given-at:" + purpose);
            }
            if (givenAt.isAfter(now)) {
                throw ImportManifest.invalid("consent for " + purpose + " given in the future", "given-at:" + purpose);
            }
            Instant retainUntil = notice.storagePeriodDays() > 0
                    ? givenAt.plus(Duration.ofDays(notice.storagePeriodDays())) : null;
            if (retainUntil != null && !retainUntil.isAfter(now)) {
                throw ImportManifest.invalid("consent for " + purpose + " already past its storage period",
                        "expired:" + purpose);
            }
            out.add(new ImportRecordWriter.ConsentRecordData(purpose, c.noticeVersion(), c.channel(), givenAt,
                    retainUntil, c.evidence()));
        }
        return out;
    }

    /** Copies of the record's images, each checked against its signed SHA-256. */
    private static List<byte[]> imageCopies(List<ImportManifest.Image> images, ImportArchive archive) {
        List<byte[]> copies = new ArrayList<>();
        try {
            for (ImportManifest.Image image : images) {
                byte[] data = image.file() == null ? null : archive.entry(image.file());
                if (data == null || image.sha256() == null) {
                    throw ImportManifest.invalid("image " + image.file() + " missing from the archive or without "
                            + "sha256", "image-missing:" + image.file());
                }
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
                if (!MessageDigest.isEqual(digest, hex(image.sha256()))) {
                    throw new FaceTrustException(FailureCode.IMPORT_SIGNATURE_INVALID, "image " + image.file()
                            + " does not match its signed digest", List.of("image-digest:" + image.file()));
                }
                copies.add(data.clone());
            }
            return copies;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            copies.forEach(c -> Arrays.fill(c, (byte) 0));
            throw e;
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text.toLowerCase());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Enrolment profile per image (zeroed), template protected under the new subject's key. */
    private List<FaceReference> protect(SubjectUid uid, UUID dataKey, List<byte[]> images, Instant now) {
        FaceEngine engine = engineService.engine();
        String pseudonym = keys.pseudonymizer().pseudonym(uid.value());
        String model = FaceEnrolment.modelVersion(engine);
        List<FaceReference> references = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Embedding embedding;
            try {
                embedding = FaceEnrolment.enrolmentEmbedding(engine, images.get(i));
            } catch (FaceTrustException e) {
                throw new FaceTrustException(e.failureCode(), "image " + (i + 1) + ": " + e.getMessage(),
                        e.reasons().stream().map(r -> "image " + images.size() + ": " + r).toList(), e);
            }
            String referenceId = FaceReference.newReferenceId();
            float[] values = embedding.values();
            try {
                ProtectedTemplate template = keys.protector().protect(values,
                        new TemplateBinding(pseudonym, referenceId, keys.domain()), dataKey);
                references.add(new FaceReference(referenceId, pseudonym, keys.domain().name(), template.encode(),
                        template.domainKeyVersion(), model, now));
            } finally {
                Arrays.fill(values, 0f);
                embedding.wipe();
            }
        }
        return references;
    }

    private void raise(FailureCode code, String detail) {
        if (eventLogs.isResolvable()) {
            eventLogs.get().raise(code, "IMPORT_RECORD", null, detail);
        } else {
            LOG.warning(() -> code.eventLevel() + " import: " + detail);
        }
    }

    private void audit(AuditRecord record) {
        if (audits.isResolvable()) {
            audits.get().record(record);
        } else {
            LOG.info(() -> "audit " + record);
        }
    }
}
