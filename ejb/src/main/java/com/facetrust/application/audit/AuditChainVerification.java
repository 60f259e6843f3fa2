package com.facetrust.application.audit;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditChainHead;
import com.facetrust.domain.audit.AuditEntry;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.infrastructure.audit.AuditChainWalk;
import com.facetrust.infrastructure.audit.ChainVerdict;
import com.facetrust.infrastructure.audit.ChainedEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.logging.Logger;

/**
 * Verifies the audit chain (A-8.6, D-8.2.5 b): walks every entry in sequence order, in pages so memory stays
 * bounded, recomputes each MAC under the audit key and checks the links ({@link AuditChainVerifier}); then compares
 * the chain head with the last entry (truncated tail) and looks for rows beyond the head (inserted behind the
 * writer's back). For auditors and system administrators; each run is itself logged (AUDIT_VERIFY). The maintenance
 * job runs {@link #selfCheck()} daily and raises an ALARM (FT-7001) when the chain is broken.
 *
 * <p>The same check runs outside the server with {@code facetrust audit-verify} (JDBC + master keystore).
 */
@Stateless
public class AuditChainVerification {
    private static final Logger LOG = Logger.getLogger(AuditChainVerification.class.getName());
    static final int PAGE = 500;

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @EJB
    TemplateProtectionService keys;

    @EJB
    AuditLog auditLog;

    @EJB
    SecurityEventLog events;

    /** Verifies the whole chain; the verdict names the first broken sequence number and why. */
    @RolesAllowed({FaceTrustRoles.AUDITOR, FaceTrustRoles.SYSADMIN})
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerdict verify() {
        ChainVerdict verdict = walk();
        auditLog.record(AuditRecord.of("AUDIT_VERIFY", null, outcome(verdict)));
        if (!verdict.intact()) {
            raiseBroken(verdict, "AUDIT_VERIFY");
        }
        return verdict;
    }

    /**
     * The maintenance job's daily self-check (A-8.6, A-9.2 a): same walk; an ALARM event FT-7001 when broken.
     * Reachable without a role because the timer calls it without a caller; it changes nothing and returns only
     * whether the chain is intact.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean selfCheck() {
        ChainVerdict verdict = walk();
        auditLog.record(AuditRecord.of("AUDIT_SELF_CHECK", null, outcome(verdict)));
        if (!verdict.intact()) {
            raiseBroken(verdict, "AUDIT_SELF_CHECK");
        }
        return verdict.intact();
    }

    private static String outcome(ChainVerdict verdict) {
        return verdict.intact() ? "OK" : FailureCode.AUDIT_CHAIN_BROKEN.code();
    }

    private void raiseBroken(ChainVerdict verdict, String action) {
        events.raise(FailureCode.AUDIT_CHAIN_BROKEN, action, "audit-seq:" + verdict.firstBrokenSequence(),
                verdict.reason());
    }

    /**
     * The walk, without a transaction: each page is its own short read, so a long chain never holds a transaction
     * or a persistence context open. The head is read first; entries appended while walking have higher numbers and
     * are left to the next run.
     */
    ChainVerdict walk() {
        if (!keys.isAvailable()) {
            throw new FaceTrustException(FailureCode.AUDIT_LOG_UNAVAILABLE, "the audit key is not available",
                    List.of("audit-key"));
        }
        ChainVerdict verdict = AuditChainWalk.walk(new JpaChainSource(), keys::auditMac, PAGE);
        if (!verdict.intact()) {
            LOG.severe(() -> "ALARM audit chain broken at entry " + verdict.firstBrokenSequence() + ": "
                    + verdict.reason());
        }
        return verdict;
    }

    /** The identity store through JPA; the persistence context is cleared after every page (bounded memory). */
    private final class JpaChainSource implements AuditChainWalk.ChainSource {
        @Override
        public AuditChainWalk.Head head() {
            identity.clear();
            AuditChainHead head = identity.find(AuditChainHead.class, AuditChainHead.ID);
            return head == null ? null : new AuditChainWalk.Head(head.lastSequence(), head.lastMac().orElse(null));
        }

        @Override
        public List<ChainedEntry> page(long after, long upTo, int limit) {
            List<ChainedEntry> page = identity.createQuery("select e from AuditEntry e where e.sequence > :after "
                            + "and e.sequence <= :upTo order by e.sequence", AuditEntry.class)
                    .setParameter("after", after)
                    .setParameter("upTo", upTo)
                    .setMaxResults(limit)
                    .getResultList()
                    .stream().map(AuditChainVerification::chained).toList();
            identity.clear();
            return page;
        }

        @Override
        public Long highestSequence() {
            return identity.createQuery("select max(e.sequence) from AuditEntry e", Long.class).getSingleResult();
        }
    }

    static ChainedEntry chained(AuditEntry e) {
        return new ChainedEntry(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(),
                e.device(), e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(), e.decision(),
                e.prevHash(), e.mac());
    }
}
