package com.facetrust.application.deletion;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Retention per data kind (A-7.4c), ISO-8601 durations from MicroProfile Config, enforced by the deletion sweep:
 *
 * <table>
 *   <caption>facetrust.retention.&lt;kind&gt;</caption>
 *   <tr><th>kind</th><th>default</th><th>counted from</th><th>then</th></tr>
 *   <tr><td>face-references</td><td>P1095D</td><td>the reference's creation</td><td>the reference is deleted
 *       (faces age; the subject enrols again)</td></tr>
 *   <tr><td>personal-data</td><td>P365D</td><td>the subject's last use</td><td>name and contact are removed</td></tr>
 *   <tr><td>consent-records</td><td>P1095D</td><td>the consent's end (withdrawal or storage period)</td><td>the ended
 *       record is deleted (kept until then as evidence of what was consented and withdrawn)</td></tr>
 *   <tr><td>tombstones</td><td>P1095D</td><td>the subject's deletion</td><td>the anonymised tombstone and its status
 *       history are deleted</td></tr>
 *   <tr><td>security-events</td><td>P365D</td><td>the event</td><td>deleted, except unacknowledged ALARMs</td></tr>
 *   <tr><td>audit-entries</td><td>P2190D</td><td>the entry</td><td>(the hash chain is pruned only by the audit
 *       component, from an anchor)</td></tr>
 * </table>
 *
 * <p>Minimums: every kind at least one day (P1D). Audit entries must outlive what they describe, so their retention
 * is raised to the longest of the other kinds when configured shorter (logged as a WARNING at start); security
 * events likewise never outlive the audit entries that record them. A subject's consent records and face references
 * never outlive the subject: its deletion (at most 15 days after a ground) removes them whatever is configured here.
 */
@ApplicationScoped
public class RetentionPolicy {
    private static final Logger LOG = Logger.getLogger(RetentionPolicy.class.getName());
    static final Duration MINIMUM = Duration.ofDays(1);

    /** The data kinds with a retention of their own. */
    public enum DataKind {
        FACE_REFERENCES("face-references"),
        PERSONAL_DATA("personal-data"),
        CONSENT_RECORDS("consent-records"),
        TOMBSTONES("tombstones"),
        SECURITY_EVENTS("security-events"),
        AUDIT_ENTRIES("audit-entries");

        private final String key;

        DataKind(String key) {
            this.key = key;
        }

        /** The configuration key: {@code facetrust.retention.<kind>}. */
        public String configKey() {
            return "facetrust.retention." + key;
        }
    }

    @Inject
    @ConfigProperty(name = "facetrust.retention.face-references", defaultValue = "P1095D")
    Duration faceReferences;

    @Inject
    @ConfigProperty(name = "facetrust.retention.personal-data", defaultValue = "P365D")
    Duration personalData;

    @Inject
    @ConfigProperty(name = "facetrust.retention.consent-records", defaultValue = "P1095D")
    Duration consentRecords;

    @Inject
    @ConfigProperty(name = "facetrust.retention.tombstones", defaultValue = "P1095D")
    Duration tombstones;

    @Inject
    @ConfigProperty(name = "facetrust.retention.security-events", defaultValue = "P365D")
    Duration securityEvents;

    @Inject
    @ConfigProperty(name = "facetrust.retention.audit-entries", defaultValue = "P2190D")
    Duration auditEntries;

    private final Map<DataKind, Duration> effective = new EnumMap<>(DataKind.class);

    @PostConstruct
    void resolve() {
        effective.putAll(resolve(Map.of(DataKind.FACE_REFERENCES, faceReferences, DataKind.PERSONAL_DATA,
                personalData, DataKind.CONSENT_RECORDS, consentRecords, DataKind.TOMBSTONES, tombstones,
                DataKind.SECURITY_EVENTS, securityEvents, DataKind.AUDIT_ENTRIES, auditEntries)));
        LOG.info(() -> "Retention per data kind (A-7.4c): " + effective);
    }

    /** Applies the minimums and the audit rule to configured values (pure, for tests). */
    static Map<DataKind, Duration> resolve(Map<DataKind, Duration> configured) {
        Map<DataKind, Duration> out = new EnumMap<>(DataKind.class);
        for (DataKind kind : DataKind.values()) {
            Duration d = configured.get(kind);
            if (d == null || d.compareTo(MINIMUM) < 0) {
                LOG.warning(kind.configKey() + "=" + d + " is below the minimum " + MINIMUM + "; using " + MINIMUM);
                d = MINIMUM;
            }
            out.put(kind, d);
        }
        Duration longest = out.entrySet().stream().filter(e -> e.getKey() != DataKind.AUDIT_ENTRIES)
                .map(Map.Entry::getValue).max(Duration::compareTo).orElseThrow();
        if (out.get(DataKind.AUDIT_ENTRIES).compareTo(longest) < 0) {
            LOG.warning(DataKind.AUDIT_ENTRIES.configKey() + "=" + out.get(DataKind.AUDIT_ENTRIES)
                    + " is shorter than what the entries describe; raised to " + longest);
            out.put(DataKind.AUDIT_ENTRIES, longest);
        }
        return out;
    }

    public Duration of(DataKind kind) {
        return effective.get(kind);
    }

    public Map<DataKind, Duration> all() {
        return Map.copyOf(effective);
    }
}
