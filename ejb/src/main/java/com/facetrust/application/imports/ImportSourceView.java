package com.facetrust.application.imports;

import com.facetrust.domain.imports.ImportSource;

import java.time.Instant;
import java.util.Set;

/** A registered import source as the API shows it (the public key's algorithm and its base64 DER). */
public record ImportSourceView(String name, String keyAlgorithm, String publicKey,
                               Set<ImportSource.DataKind> dataKinds, Instant createdAt, String createdBy) {

    static ImportSourceView of(ImportSource s) {
        return new ImportSourceView(s.name(), s.keyAlgorithm(),
                java.util.Base64.getEncoder().encodeToString(s.publicKey()), s.dataKinds(), s.createdAt(),
                s.createdBy());
    }
}
