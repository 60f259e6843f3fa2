package com.facetrust.application.policy;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.policy.BlocklistEntry;
import com.facetrust.domain.policy.BlocklistKind;
import com.facetrust.domain.recognition.RecognitionAttempt;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The recognition blocklist (D-6.6 e): IP ranges (CIDR, v4 and v6), device ids and daily time windows (optionally
 * for one channel), each with reason, creator, creation time and optional expiry. Only the sysadmin lists and changes
 * it; every change is written to the audit log (BLOCKLIST_ADD / BLOCKLIST_REMOVE, A-8.6). The recognition
 * policy asks {@link #match} first in every admission.
 */
@Stateless
public class Blocklist {
    @PersistenceContext(unitName = "identity")
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    PolicySettings settings;

    @EJB
    AuditLog auditLog;

    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public List<BlocklistEntryView> list() {
        Instant now = Instant.now();
        return em.createQuery("SELECT b FROM BlocklistEntry b ORDER BY b.createdAt, b.id", BlocklistEntry.class)
                .getResultList().stream().map(b -> view(b, now)).toList();
    }

    /**
     * Adds an entry after validating it.
     *
     * @throws FaceTrustException BAD_REQUEST for a malformed CIDR, window, zone, channel, expiry or a missing reason
     */
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public BlocklistEntryView add(NewBlocklistEntry request) {
        if (request == null) {
            throw bad("body {kind, value, reason, [zone], [channel], [expiresAt]} required");
        }
        BlocklistKind kind = kind(request.kind());
        String value = request.value() == null ? "" : request.value().trim();
        if (value.isEmpty() || value.length() > 128) {
            throw bad("value is required (at most 128 characters)");
        }
        String reason = request.reason() == null ? "" : request.reason().trim();
        if (reason.isEmpty() || reason.length() > 256) {
            throw bad("reason is required (at most 256 characters)");
        }
        Instant now = Instant.now();
        Instant expiresAt = null;
        if (request.expiresAt() != null && !request.expiresAt().isBlank()) {
            try {
                expiresAt = Instant.parse(request.expiresAt().trim());
            } catch (DateTimeParseException e) {
                throw bad("expiresAt must be an ISO-8601 instant such as 2026-12-31T23:00:00Z");
            }
            if (!expiresAt.isAfter(now)) {
                throw bad("expiresAt is in the past");
            }
        }
        String zone = null;
        String channel = null;
        String pattern;
        switch (kind) {
            case ADDRESS -> {
                try {
                    pattern = AddressRange.parse(value).toString();
                } catch (IllegalArgumentException e) {
                    throw bad("not a CIDR range of IP address literals: " + e.getMessage());
                }
            }
            case DEVICE -> pattern = value;
            case TIME_WINDOW -> {
                DailyWindow window;
                try {
                    window = DailyWindow.parse(value, request.zone());
                } catch (IllegalArgumentException e) {
                    throw bad(e.getMessage());
                }
                pattern = window.pattern();
                zone = window.zone().getId();
                if (request.channel() != null && !request.channel().isBlank()) {
                    channel = request.channel().trim().toLowerCase(Locale.ROOT);
                    String wanted = channel;
                    if (settings.channels().entries().stream().noneMatch(e -> e.name().equals(wanted))) {
                        throw bad("no recognition channel '" + request.channel() + "'");
                    }
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (kind != BlocklistKind.TIME_WINDOW && (request.channel() != null && !request.channel().isBlank())) {
            throw bad("channel applies to TIME_WINDOW entries only");
        }
        BlocklistEntry entry = new BlocklistEntry(UUID.randomUUID().toString(), kind, pattern, zone, channel, reason,
                caller(), now, expiresAt);
        em.persist(entry);
        audit("BLOCKLIST_ADD", entry.id());
        return view(entry, now);
    }

    /** Removes an entry; FT-3004 when there is none with this id. */
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public void remove(String id) {
        BlocklistEntry entry = id == null ? null : em.find(BlocklistEntry.class, id);
        if (entry == null) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no blocklist entry with this id");
        }
        em.remove(entry);
        audit("BLOCKLIST_REMOVE", entry.id());
    }

    /**
     * The first active entry that refuses this attempt: its address in a listed range, its device listed, or its
     * time inside a listed window of its channel (or of every channel). Reads only; joins the caller's transaction.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<BlocklistKind> match(RecognitionAttempt attempt) {
        Optional<byte[]> address = AddressRange.literal(attempt.sourceAddress());
        for (BlocklistEntry b : em.createQuery("SELECT b FROM BlocklistEntry b WHERE b.expiresAt IS NULL "
                        + "OR b.expiresAt > :now", BlocklistEntry.class)
                .setParameter("now", attempt.at()).getResultList()) {
            boolean hit = switch (b.kind()) {
                case ADDRESS -> address.isPresent() && AddressRange.parse(b.pattern()).contains(address.get());
                case DEVICE -> b.pattern().equals(attempt.deviceId());
                case TIME_WINDOW -> (b.channel() == null || b.channel().equalsIgnoreCase(attempt.channel()))
                        && DailyWindow.parse(b.pattern(), b.zone()).contains(attempt.at());
            };
            if (hit) {
                return Optional.of(b.kind());
            }
        }
        return Optional.empty();
    }

    private void audit(String action, String id) {
        auditLog.record(AuditRecord.of(action, "blocklist:" + id, "OK"));
    }

    private String caller() {
        String name = context.getCallerPrincipal().getName();
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static BlocklistKind kind(String text) {
        try {
            return BlocklistKind.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("kind must be ADDRESS, DEVICE or TIME_WINDOW");
        }
    }

    private static FaceTrustException bad(String message) {
        return new FaceTrustException(FailureCode.BAD_REQUEST, message);
    }

    private static BlocklistEntryView view(BlocklistEntry b, Instant now) {
        return new BlocklistEntryView(b.id(), b.kind().name(), b.pattern(), b.zone(), b.channel(), b.reason(),
                b.createdBy(), b.createdAt(), b.expiresAt(), b.activeAt(now));
    }
}
