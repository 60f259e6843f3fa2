package com.facetrust.application.audit;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.RequestOrigin;
import com.facetrust.domain.audit.AuditChainHead;
import com.facetrust.domain.audit.AuditEntry;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.audit.AuditChainCodec;
import com.facetrust.infrastructure.audit.ChainedEntry;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.SessionContext;
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

/**
 * The audit log's only writer (A-8.6, A-7.2 d, D-8.2.5 b). Each {@link #record} runs in its own transaction (so an
 * operation that fails and rolls back is still logged) and:
 * <ol>
 *   <li>locks the single chain-head row ({@code SELECT ... FOR UPDATE}) — appends are serialised across every node
 *       sharing the identity database, so sequence numbers are gap-free;</li>
 *   <li>takes sequence = head + 1 and the previous entry's MAC (32 zero bytes at genesis) as {@code prev_hash};</li>
 *   <li>computes HMAC-SHA256 over the canonical encoding of every column ({@link AuditChainCodec}) under the audit
 *       key from the master keystore — outside the database, so rows cannot be forged by whoever can write it;</li>
 *   <li>inserts the entry and advances the head in the same transaction.</li>
 * </ol>
 * Who acted comes from the EJB caller principal ("system" for timers), client, source address and device from the
 * request's {@link RequestOrigin}. There is no update or delete path for entries anywhere in FaceTrust.
 *
 * <p>Without the audit key (master keystore unavailable) or the database it refuses with
 * {@code AUDIT_LOG_UNAVAILABLE} (FT-7002): operations are not carried out unlogged.
 */
@Stateless
@Local(AuditLog.class)
@PermitAll
public class AuditTrail implements AuditLog {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @EJB
    TemplateProtectionService keys;

    @Inject
    RequestOrigin origin;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long record(AuditRecord record) {
        CallerIdentity caller = CallerIdentity.of(context, origin);
        try {
            AuditChainHead head = identity.find(AuditChainHead.class, AuditChainHead.ID,
                    LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                throw new FaceTrustException(FailureCode.AUDIT_LOG_UNAVAILABLE, "the audit chain head row is "
                        + "missing (identity migration V6 creates it)");
            }
            long sequence = head.lastSequence() + 1;
            ChainedEntry entry = new ChainedEntry(sequence, clock.instant(), caller.principal(), caller.clientId(),
                    caller.sourceAddress(), caller.device(), clip(record.action(), 64), clip(record.target(), 128),
                    clip(record.outcome(), 16), clip(record.transactionId(), 64), clip(record.channel(), 32),
                    clip(record.decision(), 32), head.lastMac().orElseGet(ChainedEntry::genesis), null);
            byte[] mac;
            try {
                mac = keys.auditMac(AuditChainCodec.canonical(entry));
            } catch (FaceTrustException e) {
                throw new FaceTrustException(FailureCode.AUDIT_LOG_UNAVAILABLE, "no audit key: " + e.getMessage(),
                        List.of("audit-key"), e);
            }
            identity.persist(new AuditEntry(sequence, entry.recordedAt(), entry.principal(), entry.clientId(),
                    entry.sourceAddress(), entry.device(), entry.action(), entry.target(), entry.outcome(),
                    entry.transactionId(), entry.channel(), entry.decision(), entry.prevHash(), mac));
            head.advance(sequence, mac);
            identity.flush();
            return sequence;
        } catch (PersistenceException e) {
            throw new FaceTrustException(FailureCode.AUDIT_LOG_UNAVAILABLE, "the audit entry could not be written",
                    List.of("database"), e);
        }
    }

    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
