package com.facetrust.application.recognition;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.signing.CompactJws;
import com.facetrust.infrastructure.signing.DecisionSigningKeys;
import com.facetrust.infrastructure.signing.JsonPayload;
import com.facetrust.infrastructure.signing.JsonWebKeys;
import com.facetrust.infrastructure.signing.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs recognition decisions (A-5.7.4 a) with the server's ES256 key and publishes the public keys as a JWK Set.
 * The key pair lives in its own PKCS12 keystore, generated on first start, protected by the master keystore's
 * password ({@code facetrust.protection.master-keystore.password}, from the environment) and kept beside it:
 * {@code facetrust.recognition.signing-keystore.path} [{@code <master keystore dir>/decision-signing.p12}].
 * Back it up with the master keystore. Without it the server still deploys, and every recognition request answers
 * FT-5005 (503, ALARM): a decision is never given unsigned.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class DecisionSigning {
    private static final Logger LOG = Logger.getLogger(DecisionSigning.class.getName());

    @Inject
    Config config;

    @jakarta.ejb.EJB
    AuditLog audit;

    private volatile DecisionSigningKeys keys;
    private volatile String failure;

    @PostConstruct
    void open() {
        Optional<String> password = config.getOptionalValue("facetrust.protection.master-keystore.password",
                String.class);
        Path path = keystorePath(config);
        if (password.isEmpty() || password.get().isEmpty()) {
            failure = "no master keystore password";
            LOG.severe("ALARM decision signing unavailable: no master keystore password (recognition answers "
                    + FailureCode.DECISION_SIGNING_UNAVAILABLE.code() + ")");
            return;
        }
        char[] secret = password.get().toCharArray();
        try {
            boolean existed = path.toFile().exists();
            keys = DecisionSigningKeys.open(path, secret, true);
            if (!existed) {
                LOG.warning(() -> "First start: generated the decision-signing key " + keys.current()
                        + " in " + path + ". Back it up with the master keystore.");
            }
            LOG.info(() -> "Decision signing ready: ES256, current " + keys.current() + ", " + keys.all().size()
                    + " published key(s)");
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "ALARM decision signing unavailable: " + e.getMessage());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    static Path keystorePath(Config config) {
        Optional<String> configured = config.getOptionalValue("facetrust.recognition.signing-keystore.path",
                String.class);
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        Path master = Path.of(config.getOptionalValue("facetrust.protection.master-keystore.path", String.class)
                .orElse(dataDir + "/facetrust-keys/master.p12"));
        return master.toAbsolutePath().getParent().resolve("decision-signing.p12");
    }

    /** The compact JWS of the claims under the current key; FT-5005 when the key is unavailable. */
    public String sign(JsonPayload claims) {
        return CompactJws.sign(claims.text(), keys().current());
    }

    /** The JWK Set of every decision-signing public key, newest first ({@code GET /api/v1/decisions/keys}). */
    public String jwkSet() {
        return JsonWebKeys.jwkSet(keys().all());
    }

    /** Adds a new signing key; decisions signed before stay verifiable (the old public key stays published). */
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public String rotate() {
        SigningKey key;
        try {
            key = keys().rotate();
        } catch (RuntimeException e) {
            FaceTrustException failure = DatabaseRetry.failureIn(e);
            audit.record(AuditRecord.of("DECISION_KEY_ROTATION", null,
                    failure != null ? failure.failureCode().code() : FailureCode.DECISION_SIGNING_UNAVAILABLE.code()));
            throw failure != null ? failure : new FaceTrustException(FailureCode.DECISION_SIGNING_UNAVAILABLE,
                    "the decision-signing key could not be rotated", java.util.List.of(), e);
        }
        audit.record(AuditRecord.of("DECISION_KEY_ROTATION", "kid:" + key.keyId(), "OK"));
        LOG.info(() -> "Decision-signing key rotated: now " + key);
        return key.keyId();
    }

    private DecisionSigningKeys keys() {
        DecisionSigningKeys k = keys;
        if (k == null) {
            throw new FaceTrustException(FailureCode.DECISION_SIGNING_UNAVAILABLE,
                    "the decision-signing key is not available" + (failure != null ? " (" + failure + ")" : ""));
        }
        return k;
    }

    @PreDestroy
    void close() {
        DecisionSigningKeys k = keys;
        if (k != null) {
            k.close();
        }
    }
}
