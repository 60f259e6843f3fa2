package com.facetrust.application.audit;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditEntry;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.SubjectUid;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recognition history (backtrace) and analysis reports for the auditor (D-6.6 f, D-6.6 i, A-8.6): filtered, paged
 * listing of audit entries with the total count, and counts grouped by day (UTC), channel, decision, outcome or
 * action. A subject is looked up by UID, pseudonymised here on the server — the log itself holds only pseudonyms.
 * Read-only: nothing in FaceTrust updates or deletes an audit entry. Bad filters are FT-3003.
 */
@Stateless
@RolesAllowed(FaceTrustRoles.AUDITOR)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditHistory {
    /** Largest page the listing returns; larger requests are refused (FT-3003). */
    public static final int MAX_PAGE_SIZE = 200;
    /** Day reports read recorded times in pages of this many rows (bounded memory). */
    static final int DAY_SCAN_PAGE = 5000;

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @Inject
    SubjectTargets targets;

    /** Filter of the listing and the reports; every part optional. Text filters match exactly. */
    public record EntryFilter(String action, String outcome, String channel, String decision, String subjectUid,
                              Instant from, Instant to) {
        public static EntryFilter none() {
            return new EntryFilter(null, null, null, null, null, null, null);
        }
    }

    /** What a report groups by. */
    public enum Grouping { DAY, CHANNEL, DECISION, OUTCOME, ACTION;

        /** Parses {@code day|channel|decision|outcome|action}; FT-3003 otherwise. */
        public static Grouping parse(String text) {
            if (text == null) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "groupBy is required: day, channel, decision, "
                        + "outcome or action", List.of("groupBy"));
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "groupBy must be day, channel, decision, "
                        + "outcome or action", List.of("groupBy"));
            }
        }
    }

    /** Entries newest first. */
    public ResultPage<AuditEntryView> entries(EntryFilter filter, int page, int size) {
        HistoryQueries.checkPaging(page, size, MAX_PAGE_SIZE);
        Where where = where(filter);
        TypedQuery<Long> count = identity.createQuery("select count(e) from AuditEntry e" + where.jpql, Long.class);
        TypedQuery<AuditEntry> rows = identity.createQuery("select e from AuditEntry e" + where.jpql
                + " order by e.sequence desc", AuditEntry.class);
        where.parameters.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<AuditEntryView> items = new ArrayList<>();
        rows.setFirstResult(page * size).setMaxResults(size).getResultList()
                .forEach(e -> items.add(AuditEntryView.of(e)));
        return new ResultPage<>(items, count.getSingleResult(), page, size);
    }

    /** Counts of the filtered entries per group, ordered by key; a null key (e.g. no channel) is reported as "-". */
    public List<ReportRow> report(Grouping grouping, EntryFilter filter) {
        if (grouping == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "groupBy is required", List.of("groupBy"));
        }
        Where where = where(filter);
        if (grouping == Grouping.DAY) {
            return byDay(where);
        }
        String column = switch (grouping) {
            case CHANNEL -> "e.channel";
            case DECISION -> "e.decision";
            case OUTCOME -> "e.outcome";
            case ACTION -> "e.action";
            case DAY -> throw new IllegalStateException();
        };
        TypedQuery<Object[]> q = identity.createQuery("select " + column + ", count(e) from AuditEntry e"
                + where.jpql + " group by " + column, Object[].class);
        where.parameters.forEach(q::setParameter);
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : q.getResultList()) {
            counts.merge(row[0] == null ? "-" : row[0].toString(), ((Number) row[1]).longValue(), Long::sum);
        }
        return counts.entrySet().stream().map(e -> new ReportRow(e.getKey(), e.getValue())).toList();
    }

    /** Days in UTC, counted while reading the recorded times page by page (portable across H2 and PostgreSQL). */
    private List<ReportRow> byDay(Where where) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        long after = Long.MIN_VALUE;
        while (true) {
            TypedQuery<Object[]> q = identity.createQuery("select e.sequence, e.recordedAt from AuditEntry e"
                    + where.jpql + " and e.sequence > :afterSeq order by e.sequence", Object[].class);
            where.parameters.forEach(q::setParameter);
            q.setParameter("afterSeq", after);
            List<Object[]> rows = q.setMaxResults(DAY_SCAN_PAGE).getResultList();
            for (Object[] row : rows) {
                after = (Long) row[0];
                counts.merge(((Instant) row[1]).atOffset(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
            }
            if (rows.size() < DAY_SCAN_PAGE) {
                break;
            }
        }
        return counts.entrySet().stream().map(e -> new ReportRow(e.getKey().toString(), e.getValue())).toList();
    }

    private record Where(String jpql, Map<String, Object> parameters) {
    }

    private Where where(EntryFilter filter) {
        EntryFilter f = filter == null ? EntryFilter.none() : filter;
        HistoryQueries.checkRange(f.from(), f.to());
        StringBuilder jpql = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        text(jpql, parameters, "action", f.action(), 64);
        text(jpql, parameters, "outcome", f.outcome(), 16);
        text(jpql, parameters, "channel", f.channel(), 32);
        text(jpql, parameters, "decision", f.decision(), 32);
        if (f.subjectUid() != null) {
            if (!SubjectUid.isWellFormed(f.subjectUid())) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "subject must be a subject UID (32 hex digits)",
                        List.of("subject"));
            }
            jpql.append(" and e.target = :target");
            parameters.put("target", targets.of(f.subjectUid()));
        }
        if (f.from() != null) {
            jpql.append(" and e.recordedAt >= :from");
            parameters.put("from", f.from());
        }
        if (f.to() != null) {
            jpql.append(" and e.recordedAt < :to");
            parameters.put("to", f.to());
        }
        return new Where(jpql.toString(), parameters);
    }

    private static void text(StringBuilder jpql, Map<String, Object> parameters, String field, String value,
                             int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > max || !value.matches("[A-Za-z0-9_.:-]+")) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, field + " must be 1.." + max
                    + " characters of letters, digits, '_', '-', '.', ':'", List.of(field));
        }
        jpql.append(" and e.").append(field).append(" = :").append(field);
        parameters.put(field, value);
    }
}
