package com.facetrust.domain.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An allowed import source (A-5.6.3, D-6.2e): its name, the public key (X.509 SubjectPublicKeyInfo, EC P-256 or RSA)
 * whose signature every manifest it sends must carry, and the data kinds it may deliver. Registered by a system
 * administrator.
 */
@Entity
@Table(name = "import_source")
public class ImportSource {

    /** What a source may deliver besides the subject and its consent evidence (always required). */
    public enum DataKind { PERSONAL_DATA, FACE_IMAGES }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_source_seq")
    @SequenceGenerator(name = "import_source_seq", sequenceName = "import_source_seq", allocationSize = 1)
    private Long id;

    @Column(name = "name", length = 32, nullable = false, updatable = false)
    private String name;

    @Column(name = "key_algorithm", length = 8, nullable = false, updatable = false)
    private String keyAlgorithm;

    @Column(name = "public_key", nullable = false, updatable = false, length = 1024)
    private byte[] publicKey;

    @Column(name = "data_kinds", length = 200, nullable = false, updatable = false)
    private String dataKinds;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 128, nullable = false, updatable = false)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ImportSource() {
        // for JPA
    }

    public ImportSource(String name, String keyAlgorithm, byte[] publicKey, Set<DataKind> dataKinds,
                        Instant createdAt, String createdBy) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("name: 1..32 of a-z, 0-9, '-'");
        }
        this.name = name;
        this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        this.dataKinds = dataKinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.createdBy = createdBy == null ? "system" : createdBy.substring(0, Math.min(128, createdBy.length()));
    }

    public String name() { return name; }
    public String keyAlgorithm() { return keyAlgorithm; }
    public byte[] publicKey() { return publicKey.clone(); }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }

    public Set<DataKind> dataKinds() {
        EnumSet<DataKind> kinds = EnumSet.noneOf(DataKind.class);
        if (!dataKinds.isEmpty()) {
            Arrays.stream(dataKinds.split(",")).map(DataKind::valueOf).forEach(kinds::add);
        }
        return kinds;
    }
}
