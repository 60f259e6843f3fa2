package com.facetrust.domain.challenge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One open liveness challenge in the shared store. {@code nonceHash} is the SHA-256 (hex) of the nonce the client
 * holds: a database reader cannot submit against a row. {@code actions} are the ordered action names of an active
 * challenge (comma-separated), {@code colours} the "r g b" triples of a light challenge (comma-separated);
 * {@code colourStepMillis} is the time each colour is shown.
 */
@Entity
@Table(name = "issued_challenge")
public class IssuedChallenge {

    @Id
    @Column(name = "nonce_hash", length = 64, nullable = false, updatable = false)
    private String nonceHash;

    @Column(name = "kind", length = 32, nullable = false, updatable = false)
    private String kind;

    @Column(name = "actions", length = 200, updatable = false)
    private String actions;

    @Column(name = "colours", length = 1000, updatable = false)
    private String colours;

    @Column(name = "colour_step_millis", updatable = false)
    private Long colourStepMillis;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected IssuedChallenge() {
        // for JPA
    }

    public IssuedChallenge(String nonceHash, String kind, String actions, String colours, Long colourStepMillis,
                           Instant issuedAt, Instant expiresAt) {
        this.nonceHash = Objects.requireNonNull(nonceHash, "nonceHash");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.actions = actions;
        this.colours = colours;
        this.colourStepMillis = colourStepMillis;
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String nonceHash() { return nonceHash; }
    public String kind() { return kind; }
    public String actions() { return actions; }
    public String colours() { return colours; }
    public Long colourStepMillis() { return colourStepMillis; }
    public Instant issuedAt() { return issuedAt; }
    public Instant expiresAt() { return expiresAt; }
}
