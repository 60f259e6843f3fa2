package com.facetrust.application.enrolment;

import com.facetrust.domain.biometric.FaceReference;

import java.time.Instant;

/** A face reference as the API shows it: its id and metadata — never the template. */
public record ReferenceView(String referenceId, String protectionDomain, int keyVersion, String modelVersion,
                            Instant createdAt) {

    static ReferenceView of(FaceReference r) {
        return new ReferenceView(r.referenceId(), r.protectionDomain(), r.keyVersion(), r.modelVersion(),
                r.createdAt());
    }
}
