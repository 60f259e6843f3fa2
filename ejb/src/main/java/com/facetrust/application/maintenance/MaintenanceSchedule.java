package com.facetrust.application.maintenance;

import com.facetrust.application.audit.AuditChainVerification;
import com.facetrust.application.deletion.DeletionSweep;
import com.facetrust.application.deletion.DeletionSweepReport;
import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.infrastructure.persistence.DataStore;
import com.facetrust.infrastructure.persistence.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import com.facetrust.domain.failure.FailureCode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic maintenance job (timer service, non-persistent calendar timer; default daily at 03:15 server time).
 * Later issues add their work here: the deletion sweep (A-7.3, issue 4) and the full self-check (A-9.2a). Today it
 * does the parts that already have data: it counts the stores (no personal data), raises an alarm in the log when a
 * deletion is overdue, checks that each store's applied migrations still match the shipped scripts (an edited
 * schema history or script is tampering) and verifies the audit chain (A-8.6; ALARM event FT-7001 when broken). The last report is kept for the console and tests.
 *
 * <p>The timer is created programmatically (not {@code @Schedule}) so the time comes from MicroProfile Config:
 * {@code facetrust.maintenance.enabled} (default {@code true}), {@code facetrust.maintenance.second} ({@code 0}),
 * {@code facetrust.maintenance.minute} ({@code 15}), {@code facetrust.maintenance.hour} ({@code 3}),
 * {@code facetrust.maintenance.day-of-week} ({@code *}) — values in EJB calendar syntax, e.g. {@code *}/{@code 10}.
 * Non-persistent: after a restart it simply waits for the next slot; a missed run is harmless because the deletion
 * sweep works on due dates, not on "since the last run".
 *
 * <p>Depends on {@link StoreSchemaMigration}: never touches a store before its schema is current and validated.
 */
@Singleton
@Startup
@DependsOn(StoreSchemaMigration.NAME)
public class MaintenanceSchedule {
    private static final Logger LOG = Logger.getLogger(MaintenanceSchedule.class.getName());

    @Resource
    private TimerService timerService;

    @PersistenceContext(unitName = "identity")
    private EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    private EntityManager biometric;

    @Resource(lookup = "java:jboss/datasources/IdentityDS")
    private DataSource identityDataSource;

    @Resource(lookup = "java:jboss/datasources/BiometricDS")
    private DataSource biometricDataSource;

    @Inject
    @ConfigProperty(name = "facetrust.maintenance.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "facetrust.maintenance.second", defaultValue = "0")
    String second;

    @Inject
    @ConfigProperty(name = "facetrust.maintenance.minute", defaultValue = "15")
    String minute;

    @Inject
    @ConfigProperty(name = "facetrust.maintenance.hour", defaultValue = "3")
    String hour;

    @Inject
    @ConfigProperty(name = "facetrust.maintenance.day-of-week", defaultValue = "*")
    String dayOfWeek;

    /** The server clock (CDI producer {@code ServerClock}); a system test selects an alternative to prove. */
    @Inject
    Clock clock;

    @EJB
    DeletionSweep deletionSweep;

    @EJB
    AuditChainVerification auditVerification;

    @EJB
    com.facetrust.application.protection.DomainKeyRenewal renewal;

    @EJB
    com.facetrust.application.protection.KekRenewal kekRenewal;

    @Inject
    jakarta.enterprise.inject.Instance<com.facetrust.domain.failure.SecurityEventLog> events;

    private volatile DeletionSweepReport lastSweep;
    private final AtomicLong timerRuns = new AtomicLong();
    private volatile MaintenanceReport lastReport;
    private volatile ScheduleExpression schedule;

    @PostConstruct
    void scheduleTimer() {
        if (!enabled) {
            LOG.warning("Maintenance timer disabled (facetrust.maintenance.enabled=false): no deletion sweep or "
                    + "self-check will run on schedule");
            return;
        }
        schedule = new ScheduleExpression().second(second).minute(minute).hour(hour).dayOfWeek(dayOfWeek);
        // Non-persistent: the ejb-lite layer has no persistent timer store, and a missed run is harmless (see above).
        timerService.createCalendarTimer(schedule, new TimerConfig("facetrust-maintenance", false));
        LOG.info(() -> "Maintenance scheduled: second=" + second + " minute=" + minute + " hour=" + hour
                + " dayOfWeek=" + dayOfWeek);
    }

    // NOT_SUPPORTED: counts need no transaction, and Flyway's validation manages its own connection state.
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Lock(LockType.WRITE)
    void onTimer(Timer timer) {
        timerRuns.incrementAndGet();
        run("timer");
    }

    /** Runs the job now (console "run maintenance" and tests); same work as the timer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Lock(LockType.WRITE)
    public MaintenanceReport runNow() {
        return run("manual");
    }

    @Lock(LockType.READ)
    public Optional<MaintenanceReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** How many times the timer itself fired since deployment (heartbeat). */
    @Lock(LockType.READ)
    public long timerRuns() {
        return timerRuns.get();
    }

    /** The configured schedule, or empty when disabled. */
    @Lock(LockType.READ)
    public Optional<String> schedule() {
        ScheduleExpression s = schedule;
        return s == null ? Optional.empty() : Optional.of(s.toString());
    }

    /** The last deletion sweep's outcome (issue 4), empty before the first run or when it could not run. */
    @Lock(LockType.READ)
    public Optional<DeletionSweepReport> lastDeletionSweep() {
        return Optional.ofNullable(lastSweep);
    }

    private MaintenanceReport run(String trigger) {
        Instant started = clock.instant();
        // Deletion sweep first (A-7.3, D-8.2.5g), so the overdue count below reflects what is still left. Its
        // failures are ALARMs in the log and show up as overdue deletions; they are not schema problems.
        try {
            lastSweep = deletionSweep.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM deletion sweep could not run", e);
        }
        // Domain-key renewal (A-7.2b): starts a rotation in the background when the key is older than configured.
        try {
            renewal.rotateIfDue().ifPresent(run -> LOG.info(() -> "Maintenance started key rotation " + run.id()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Key rotation check could not run", e);
        }
        // KEK rotation (D-8.2.5g): only when facetrust.protection.kek.rotate-every is set, or to continue a run a stop
        // interrupted.
        try {
            kekRenewal.rotateIfDue().ifPresent(run -> LOG.info(() -> "Maintenance started KEK rotation " + run.id()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "KEK rotation check could not run", e);
        }
        long active = countSubjects(SubjectStatus.ACTIVE);
        long pending = countSubjects(SubjectStatus.DELETION_PENDING);
        long overdue = identity.createQuery("select count(s) from Subject s where s.status = :status "
                        + "and s.deletionDueAt < :now", Long.class)
                .setParameter("status", SubjectStatus.DELETION_PENDING)
                .setParameter("now", started)
                .getSingleResult();
        long consents = identity.createQuery("select count(c) from ConsentRecord c", Long.class).getSingleResult();
        long references = biometric.createQuery("select count(r) from FaceReference r", Long.class)
                .getSingleResult();

        List<String> problems = new ArrayList<>();
        SchemaMigrator migrator = new SchemaMigrator(MaintenanceSchedule.class.getClassLoader());
        for (DataStore store : DataStore.values()) {
            DataSource ds = store == DataStore.IDENTITY ? identityDataSource : biometricDataSource;
            try {
                String problem = migrator.integrityProblem(store, ds);
                if (problem != null) {
                    problems.add(store + ": " + problem);
                }
            } catch (RuntimeException e) {
                problems.add(store + ": self-check could not run: " + e.getMessage());
            }
        }

        // the operation log must be unaltered; a break raises the ALARM event FT-7001 (AuditChainVerification).
        try {
            if (!auditVerification.selfCheck()) {
                problems.add("AUDIT: the audit chain is broken (ALARM event " + FailureCode.AUDIT_CHAIN_BROKEN.code()
                        + " names the first broken entry)");
            }
        } catch (RuntimeException e) {
            problems.add("AUDIT: the audit chain self-check could not run: " + e.getMessage());
        }

        MaintenanceReport report = new MaintenanceReport(trigger, started, clock.instant(), active, pending, overdue,
                consents, references, problems);
        lastReport = report;
        if (!problems.isEmpty()) {
            LOG.severe(() -> "ALARM maintenance self-check: schema integrity problems " + problems);
        }
        long faceOverdue = identity.createQuery("select count(s) from Subject s where s.status = :status "
                        + "and s.faceDeletionDueAt < :now", Long.class)
                .setParameter("status", SubjectStatus.ACTIVE)
                .setParameter("now", started)
                .getSingleResult();
        if (overdue + faceOverdue > 0) {
            // Stored, visible, logged ALARM (A-5.7.5.3): a deletion past due puts the 15-day limit of at risk.
            String detail = overdue + " subject deletion(s) and " + faceOverdue + " face-data deletion(s) past due";
            if (events.isResolvable()) {
                events.get().raise(FailureCode.DELETION_OVERDUE, "DELETION_SWEEP", null, detail);
            } else {
                LOG.severe(() -> "ALARM maintenance: " + detail + " (A-7.3, 15 days)");
            }
        }
        LOG.log(report.healthy() ? Level.INFO : Level.WARNING, () -> "Maintenance (" + trigger + "): "
                + active + " active subjects, " + pending + " pending deletion, " + consents + " consent records, "
                + references + " face references");
        return report;
    }

    private long countSubjects(SubjectStatus status) {
        return identity.createQuery("select count(s) from Subject s where s.status = :status", Long.class)
                .setParameter("status", status)
                .getSingleResult();
    }
}
