package com.facetrust.application.gallery;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.protection.TemplateProtector;
import com.facetrust.infrastructure.gallery.IndexedReference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens a stored reference row for the gallery with its binding (D-8.2.4e): the subject's data key is unwrapped and
 * the template's AES-GCM tag checked over the header and the binding (pseudonym, reference id, domain). Thread-safe
 * (the protector is), so the parallel load calls it from several threads.
 *
 * <p>Outcomes: the protected-space vector; empty for a row that cannot be used but is no attack (data key or key
 * version destroyed: the subject is being deleted or the row was rotated away; another dimension); for a row that
 * fails its integrity check the ALARM is raised (FT-4501 TEMPLATE_INTEGRITY_FAILED) and {@link RowIntegrityFailure}
 * thrown, so the row is left out. Anything else (key store unreadable…) is thrown as is.
 */
final class StoredRowOpener implements ParallelGalleryLoad.RowOpener {
    private static final Logger LOG = Logger.getLogger(StoredRowOpener.class.getName());

    /** Where an integrity failure is reported (the security event log). */
    @FunctionalInterface
    interface IntegrityAlarm {
        void raise(String pseudonym, String detail);
    }

    private final TemplateProtector protector;
    private final IntegrityAlarm alarm;

    StoredRowOpener(TemplateProtector protector, IntegrityAlarm alarm) {
        this.protector = Objects.requireNonNull(protector, "protector");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
    }

    @Override
    public Optional<IndexedReference> open(GalleryStoreReader.StoredRow row) {
        try {
            ApplicationDomain domain = ApplicationDomain.of(row.domain());
            ProtectedTemplate template = ProtectedTemplate.decode(row.template());
            if (template.domainKeyVersion() != row.keyVersion()) {
                throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "the row's key version differs "
                        + "from the template's", List.of("key-version-mismatch"));
            }
            float[] vector = protector.open(template, new TemplateBinding(row.pseudonym(), row.referenceId(), domain));
            return Optional.of(new IndexedReference(row.referenceId(), template.domainKeyVersion(), vector));
        } catch (FaceTrustException e) {
            FailureCode code = e.failureCode();
            if (code == FailureCode.TEMPLATE_INTEGRITY_FAILED || code == FailureCode.BAD_REQUEST) {
                alarm.raise(row.pseudonym(), "reference " + row.referenceId() + " left out of the 1:N gallery: "
                        + e.getMessage());
                throw new RowIntegrityFailure();
            }
            if (code == FailureCode.TEMPLATE_KEY_DESTROYED || code == FailureCode.TEMPLATE_INVALID) {
                LOG.fine(() -> "reference " + row.referenceId() + " not usable for 1:N: " + e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }
}
