package com.facetrust.application.audit;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.application.security.RequestOrigin;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.audit.SecurityEvent;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings and alarms (A-5.7.5.3): {@link #raise} stores the event in its own transaction and logs it (ALARM at
 * SEVERE with the prefix "ALARM", WARNING at WARNING); codes of level NONE raise nothing. Operators list events and
 * acknowledge them — the only change ever made to an event, itself written to the audit log; auditors may read.
 *
 * <p>Who raised it (principal, client, source address) is taken from the caller's context as for the audit log.
 */
@Stateless
@Local(SecurityEventLog.class)
@LocalBean
public class SecurityEvents implements SecurityEventLog {
    private static final Logger LOG = Logger.getLogger(SecurityEvents.class.getName());
    /** Largest page the listing returns; larger requests are refused (FT-3003), not silently cut. */
    public static final int MAX_PAGE_SIZE = 200;

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @Inject
    RequestOrigin origin;

    @Inject
    Clock clock;

    @EJB
    AuditLog auditLog;

    @Resource
    SessionContext context;

    /** Filter of the listing; every part optional. */
    public record EventFilter(SecurityEvent.Level level, Boolean acknowledged, Instant from, Instant to) {
    }

    @Override
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void raise(FailureCode code, String action, String target, String detail) {
        if (code == null || code.eventLevel() == FailureCode.EventLevel.NONE) {
            return;
        }
        SecurityEvent.Level level = SecurityEvent.Level.valueOf(code.eventLevel().name());
        CallerIdentity caller = CallerIdentity.of(context, origin);
        SecurityEvent event = new SecurityEvent(clock.instant(), level, code.code(), action, target,
                caller.principal(), caller.clientId(), caller.sourceAddress(), detail);
        identity.persist(event);
        identity.flush();
        String line = level + " " + code.code() + " " + code.name() + " action=" + event.action() + " target="
                + event.target() + " principal=" + event.principal() + " client=" + event.clientId() + " source="
                + event.sourceAddress() + " event=" + event.id() + (detail == null ? "" : " — " + event.detail());
        LOG.log(level == SecurityEvent.Level.ALARM ? Level.SEVERE : Level.WARNING, line);
    }

    /** Events newest first, filtered; {@code size} at most {@value #MAX_PAGE_SIZE}. */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR})
    public ResultPage<SecurityEventView> list(EventFilter filter, int page, int size) {
        HistoryQueries.checkPaging(page, size, MAX_PAGE_SIZE);
        EventFilter f = filter == null ? new EventFilter(null, null, null, null) : filter;
        HistoryQueries.checkRange(f.from(), f.to());
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (f.level() != null) {
            where.append(" and e.level = :level");
            parameters.put("level", f.level());
        }
        if (f.acknowledged() != null) {
            where.append(f.acknowledged() ? " and e.acknowledgedBy is not null" : " and e.acknowledgedBy is null");
        }
        if (f.from() != null) {
            where.append(" and e.raisedAt >= :from");
            parameters.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and e.raisedAt < :to");
            parameters.put("to", f.to());
        }
        TypedQuery<Long> count = identity.createQuery("select count(e) from SecurityEvent e" + where, Long.class);
        TypedQuery<SecurityEvent> rows = identity.createQuery("select e from SecurityEvent e" + where
                + " order by e.raisedAt desc, e.id desc", SecurityEvent.class);
        parameters.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<SecurityEventView> items = new ArrayList<>();
        rows.setFirstResult(page * size).setMaxResults(size).getResultList()
                .forEach(e -> items.add(SecurityEventView.of(e)));
        return new ResultPage<>(items, count.getSingleResult(), page, size);
    }

    /**
     * Acknowledges an event (operator): the only mutation of an event, audited as EVENT_ACKNOWLEDGE.
     * {@code NOT_FOUND} for an unknown id, {@code EVENT_ALREADY_ACKNOWLEDGED} when it was acknowledged already.
     */
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public SecurityEventView acknowledge(long id) {
        String target = "event:" + id;
        try {
            SecurityEvent event = identity.find(SecurityEvent.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (event == null) {
                throw new FaceTrustException(FailureCode.NOT_FOUND, "no such event");
            }
            if (event.acknowledged()) {
                throw new FaceTrustException(FailureCode.EVENT_ALREADY_ACKNOWLEDGED,
                        "the event was already acknowledged");
            }
            event.acknowledge(CallerIdentity.of(context, origin).principal(), clock.instant());
            identity.flush();
            auditLog.record(AuditRecord.of("EVENT_ACKNOWLEDGE", target, "OK"));
            return SecurityEventView.of(event);
        } catch (FaceTrustException e) {
            auditLog.record(AuditRecord.of("EVENT_ACKNOWLEDGE", target, e.failureCode().code()));
            throw e;
        }
    }
}
