package com.facetrust.application.gallery;

import com.facetrust.application.deletion.SubjectDeletion;
import com.facetrust.application.enrolment.AdjustableClock;
import com.facetrust.application.enrolment.LifecycleClient;
import com.facetrust.application.enrolment.LifecycleTestSetup;
import com.facetrust.application.enrolment.ReferenceWritesProbe;
import com.facetrust.application.face.FaceEngineService;
import com.facetrust.application.lifecycle.EnrolmentLedger;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.recognition.FaceGallery;
import com.facetrust.domain.recognition.GalleryCandidate;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 1:N gallery in the real server (issue 5 "Gallery for 1:N", A-5.7.2): subjects registered and enrolled through
 * the REST API with real Keycloak tokens and real photos (deepface set), probes embedded by the real engine, both XA
 * stores. Checks that a genuine probe finds its subject, that only subjects with an identification consent are
 * searchable, that a rolled-back enrolment, a withdrawn identification consent, a deregistration and a deletion all
 * leave the gallery, and that the gallery after these changes equals a fresh load from the stores (what a restart
 * does) and the stores' own count.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, GalleryBenchmarkSetup.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaceGalleryIT {
    private static final String[] IDENTIFIABLE = {"PRIVACY_POLICY", "FACE_VERIFICATION", "FACE_IDENTIFICATION"};

    /** Subjects made by the first test, used by the later ones (one deployment for the class). */
    private static String alice;
    private static String bob;
    private static String carol;
    private static String dave;

    @Deployment
    static EnterpriseArchive deployment() {
        List<Class<?>> classes = new java.util.ArrayList<>(List.of(LifecycleClient.classes()));
        classes.add(FaceGalleryIT.class);
        classes.add(SyntheticGallerySeeder.class);
        classes.add(GalleryBenchmarkSetup.class);
        classes.add(SyntheticGallerySeeder.Enrolment.class);
        EnterpriseArchive ear = DeployedEar.withTestClasses(classes.toArray(Class<?>[]::new));
        DeployedEar.addBeanLibrary(ear, "facetrust-gallery-test.jar", AdjustableClock.class, ReferenceWritesProbe.class);
        return ear;
    }

    @EJB
    FaceGallery gallery;

    @EJB
    FaceGalleryService galleryService;

    @EJB
    FaceEngineService engine;

    @EJB
    TemplateProtectionService keys;

    @EJB
    SubjectDeletion deletion;

    @EJB
    EnrolmentLedger ledger;

    @EJB
    SyntheticGallerySeeder seeder;

    private LifecycleClient api;
    private String operator;
    private ApplicationDomain domain;

    @BeforeEach
    void setUp() {
        api = new LifecycleClient();
        operator = api.operatorToken();
        domain = keys.domain();
        AdjustableClock.reset();
    }

    @Test
    @Order(1)
    void genuineProbeFindsItsSubjectAndOnlyIdentifiableSubjectsAreSearched() throws Exception {
        int before = gallery.size(domain);
        alice = api.register(operator, IDENTIFIABLE);
        bob = api.register(operator, IDENTIFIABLE);
        carol = api.register(operator, "PRIVACY_POLICY", "FACE_VERIFICATION"); // verification only
        assertEquals(201, api.enrolJson(alice, operator, List.of(image("id0/img1.jpg"), image("id0/img2.jpg")))
                .status());
        assertEquals(201, api.enrolJson(bob, operator, List.of(image("id1/img26.jpg"))).status());
        assertEquals(201, api.enrolJson(carol, operator, List.of(image("id2/img8.jpg"))).status());

        // After the REST call returned, the commit has happened and the gallery already has the references.
        assertEquals(before + 3, gallery.size(domain), "alice's two and bob's one; carol has no 1:N consent");
        assertTrue(galleryService.contains(domain, alice));
        assertFalse(galleryService.contains(domain, carol));

        List<GalleryCandidate> forAlice = gallery.search(domain, embedding("id0/img4.jpg"), 5);
        assertEquals(alice, forAlice.get(0).uid(), "a genuine probe (another photo of id0) finds alice first");
        assertEquals(1, forAlice.stream().filter(c -> c.uid().equals(alice)).count(), "one candidate per subject");
        assertTrue(forAlice.size() < 2 || forAlice.get(1).score() < forAlice.get(0).score());
        List<GalleryCandidate> forBob = gallery.search(domain, embedding("id1/img27.jpg"), 5);
        assertEquals(bob, forBob.get(0).uid());
        List<GalleryCandidate> forCarol = gallery.search(domain, embedding("id2/img9.jpg"), 100);
        assertFalse(forCarol.stream().anyMatch(c -> c.uid().equals(carol)),
                "a subject without identification consent is never a candidate");

        // Carol consents to identification later: from then on she is searchable.
        assertEquals(200, api.postJson("/subjects/" + carol + "/consents", operator,
                "{\"purpose\":\"FACE_IDENTIFICATION\",\"noticeVersion\":\""
                        + api.noticeVersion("FACE_IDENTIFICATION") + "\",\"channel\":\"kiosk\"}").status());
        assertEquals(carol, gallery.search(domain, embedding("id2/img9.jpg"), 5).get(0).uid());
    }

    @Test
    @Order(2)
    void anEnrolmentRolledBackBetweenTheTwoWritesIsNotInTheGallery() throws Exception {
        dave = api.register(operator, IDENTIFIABLE);
        int before = gallery.size(domain);
        LifecycleClient.failBetweenWritesFor(dave);
        LifecycleClient.Reply failed = api.enrolJson(dave, operator, List.of(image("id3/img12.jpg")));
        assertEquals(500, failed.status(), "the injected fault: " + failed);
        assertEquals(before, gallery.size(domain));
        assertFalse(galleryService.contains(domain, dave));
        assertFalse(gallery.search(domain, embedding("id3/img3.jpg"), 100).stream()
                .anyMatch(c -> c.uid().equals(dave)), "the rolled-back reference never matches");
        // The retry commits and shows.
        assertEquals(201, api.enrolJson(dave, operator, List.of(image("id3/img12.jpg"))).status());
        assertEquals(dave, gallery.search(domain, embedding("id3/img3.jpg"), 5).get(0).uid());
    }

    @Test
    @Order(3)
    void withdrawingAFaceConsentRemovesTheSubject() throws Exception {
        assertEquals(200, api.postJson("/subjects/" + alice + "/consents/FACE_IDENTIFICATION/withdrawal", operator,
                "{\"channel\":\"web\"}").status());
        assertFalse(galleryService.contains(domain, alice));
        assertFalse(gallery.search(domain, embedding("id0/img4.jpg"), 100).stream()
                .anyMatch(c -> c.uid().equals(alice)));
        // Still enrolled for 1:1 (verification consent kept): the references stay in the store.
        String subject = api.get("/subjects/" + alice, operator).body();
        assertTrue(java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"ACTIVE\"").matcher(subject).find(),
                subject);

        // Withdrawing the face-verification consent schedules the deletion of the face data (the subject stays):
        // from then on the references are not searched, although the identification consent is still there.
        assertTrue(galleryService.contains(domain, dave));
        assertEquals(200, api.postJson("/subjects/" + dave + "/consents/FACE_VERIFICATION/withdrawal", operator,
                "{\"channel\":\"web\"}").status());
        assertFalse(galleryService.contains(domain, dave));
        assertFalse(gallery.search(domain, embedding("id3/img3.jpg"), 100).stream()
                .anyMatch(c -> c.uid().equals(dave)));
    }

    @Test
    @Order(4)
    void deregisteredAndDeletedSubjectsNeverMatch() throws Exception {
        assertEquals(202, api.delete("/subjects/" + bob, operator).status());
        assertFalse(galleryService.contains(domain, bob), "deregistration (deletion pending) removes at once");
        assertFalse(gallery.search(domain, embedding("id1/img27.jpg"), 100).stream()
                .anyMatch(c -> c.uid().equals(bob)));
        assertTrue(deletion.delete(bob), "the sweep's deletion step");
        assertFalse(galleryService.contains(domain, bob));
        assertEquals(0, count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ?",
                keys.pseudonymizer().pseudonym(bob)));
    }

    @Test
    @Order(5)
    void theGalleryEqualsAFreshLoadAndTheStores() throws Exception {
        int live = gallery.size(domain);
        Set<String> liveSubjects = new HashSet<>();
        for (String uid : eligibleUids()) {
            if (galleryService.contains(domain, uid)) {
                liveSubjects.add(uid);
            }
        }
        FaceGalleryService.LoadReport report = galleryService.reload();
        assertEquals(live, gallery.size(domain), "what changes built equals what a restart loads: " + report);
        assertEquals(expectedReferences(), gallery.size(domain), "and what the stores say");
        assertEquals(0, report.integrityFailures());
        for (String uid : eligibleUids()) {
            assertEquals(liveSubjects.contains(uid), galleryService.contains(domain, uid), uid);
        }
        // The operators' view of the load (real token over REST): READY with the counts of this reload.
        LifecycleClient.Reply status = api.get("/gallery/status", operator);
        assertEquals(200, status.status(), status.body());
        assertTrue(status.body().replace(" ", "").contains("\"state\":\"READY\""), status.body());
        assertTrue(status.body().replace(" ", "").contains("\"references\":" + report.references()),
                status.body());
        assertEquals(report.rowsRead(), galleryService.loadStatus().rowsExpected());
        assertEquals(403, api.get("/gallery/status", api.internalAppToken()).status(),
                "an application without the operator or sysadmin role does not see it");
        assertTrue(galleryService.contains(domain, carol));
        assertFalse(galleryService.contains(domain, alice));
        assertFalse(galleryService.contains(domain, bob));
    }

    @Test
    @Order(6)
    void aTamperedRowIsLeftOutOfTheLoadAndTheOthersStay() throws Exception {
        String pseudonym = keys.pseudonymizer().pseudonym(carol);
        byte[] original;
        try (Connection c = biometric().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT template FROM face_reference WHERE pseudonym = ?")) {
            q.setString(1, pseudonym);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                original = rs.getBytes(1);
            }
        }
        byte[] tampered = original.clone();
        tampered[tampered.length - 20] ^= 0x01; // one ciphertext bit
        setTemplate(pseudonym, tampered);
        try {
            int expected = gallery.size(domain) - 1;
            FaceGalleryService.LoadReport report = galleryService.reload();
            assertEquals(1, report.integrityFailures(), report.toString());
            assertEquals(expected, gallery.size(domain));
            assertFalse(galleryService.contains(domain, carol));
        } finally {
            setTemplate(pseudonym, original);
        }
        galleryService.reload();
        assertTrue(galleryService.contains(domain, carol));
    }

    /**
     * Start-up load time for a realistic gallery: {@code facetrust.it.gallery.subjects} [1000] subjects, each with a
     * data key, an identification consent and one protected reference (random unit vector, protected by the real
     * key service, written by the real XA ledger), then a full reload — the code path of the start-up load — timed.
     * Figure in docs/performance.md, "1:N gallery".
     */
    @Test
    @Order(7)
    void loadTimeOfARealisticGallery() throws Exception {
        int subjects = Integer.getInteger("facetrust.it.gallery.subjects", 1000);
        int before = gallery.size(domain);
        java.util.Random random = new java.util.Random(5);
        String notice = api.noticeVersion("FACE_IDENTIFICATION");
        String privacy = api.noticeVersion("PRIVACY_POLICY");
        long writeStart = System.nanoTime();
        for (int i = 0; i < subjects; i++) {
            SyntheticGallerySeeder.Enrolment e = syntheticEnrolment(random, privacy, notice);
            ledger.recordEnrolment(e.subject(), e.consents(), e.reference());
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        assertEquals(before + subjects, gallery.size(domain), "every committed enrolment is in the gallery");
        FaceGalleryService.LoadReport report = galleryService.reload();
        assertEquals(before + subjects, gallery.size(domain));
        System.out.printf("GALLERY-LOAD %d references of %d subjects loaded in %d ms (%.2f ms per reference, "
                        + "%d threads, %d ms CPU opening, %d ms reading); %d enrolments written through the XA "
                        + "ledger in %.1f s%n", report.references(), report.subjects(), report.millis(),
                report.millis() / (double) report.references(), report.threads(), report.cpuMillis(),
                report.readMillis(), subjects, writeSeconds);
    }

    /**
     * Start-up load benchmark (docs/performance.md "1:N gallery", "Start-up load in the server"), run only when the
     * test command has {@code -Dfacetrust.it.gallery.benchmark=10000,100000} ({@link GalleryBenchmarkSetup} hands
     * it to the server; the condition is checked on the client side): for each size, synthetic subjects are added until the store holds
     * that many (a data key each in the real key store, an identification consent, one random unit vector protected
     * by the real protector; written in batches by {@link SyntheticGallerySeeder}), then the gallery is reloaded —
     * the start-up code path — with 1 thread (the sequential load) and with {@code facetrust.it.gallery.threads}
     * [1,2] threads, {@code facetrust.it.gallery.repeats} [2] times each; wall time, rows/s and CPU per row printed.
     */
    @Test
    @Order(8)
    @EnabledIfSystemProperty(named = "facetrust.it.gallery.benchmark", matches = "\\d+(,\\d+)*")
    void loadBenchmark() throws Exception {
        String sizes = System.getProperty("facetrust.it.gallery.benchmark", "");
        assertFalse(sizes.isBlank(), "the benchmark sizes did not reach the server (GalleryBenchmarkSetup)");
        int repeats = Integer.getInteger("facetrust.it.gallery.repeats", 2);
        String notice = api.noticeVersion("FACE_IDENTIFICATION");
        String privacy = api.noticeVersion("PRIVACY_POLICY");
        java.util.Random random = new java.util.Random(8);
        for (String size : sizes.split(",")) {
            int target = Integer.parseInt(size.trim());
            int have = (int) count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE protection_domain = ?",
                    domain.name());
            long writeStart = System.nanoTime();
            List<SyntheticGallerySeeder.Enrolment> batch = new java.util.ArrayList<>();
            for (int i = have; i < target; i++) {
                batch.add(syntheticEnrolment(random, privacy, notice));
                if (batch.size() == 500 || i == target - 1) {
                    seeder.write(batch);
                    batch.clear();
                }
            }
            System.out.printf("GALLERY-BENCH seeded %d subjects in %.1f s%n", Math.max(0, target - have),
                    (System.nanoTime() - writeStart) / 1e9);
            for (String t : System.getProperty("facetrust.it.gallery.threads", "1,2").split(",")) {
                int threads = Integer.parseInt(t.trim());
                for (int r = 0; r < repeats; r++) {
                    FaceGalleryService.LoadReport report = galleryService.reload(threads);
                    assertEquals(0, report.integrityFailures());
                    assertTrue(report.references() >= target - 10, report.toString());
                    System.out.printf("GALLERY-BENCH size=%d threads=%d run=%d wall=%d ms rows=%d refs=%d "
                                    + "rate=%.0f rows/s cpu=%d ms (%.1f us/row) read=%d ms eligible=%d ms "
                                    + "read+open=%d ms load=%.2f%n",
                            target, threads, r, report.millis(), report.rowsRead(), report.references(),
                            report.rowsRead() * 1000.0 / Math.max(1, report.millis()), report.cpuMillis(),
                            report.cpuMillis() * 1000.0 / Math.max(1, report.rowsRead()), report.readMillis(),
                            report.eligibleMillis(), report.openMillis(),
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage());
                }
            }
        }
    }

    private SyntheticGallerySeeder.Enrolment syntheticEnrolment(java.util.Random random, String privacy,
                                                                String notice) {
        Instant now = Instant.now();
        Subject subject = new Subject(SubjectUid.generate(), now);
        java.util.UUID dataKey = keys.keyStore().createDataKey();
        subject.assignDataKey(dataKey);
        String referenceId = FaceReference.newReferenceId();
        String pseudonym = keys.pseudonymizer().pseudonym(subject.uid().value());
        float[] vector = new float[512];
        double sum = 0;
        for (int d = 0; d < vector.length; d++) {
            vector[d] = (float) random.nextGaussian();
            sum += (double) vector[d] * vector[d];
        }
        for (int d = 0; d < vector.length; d++) {
            vector[d] = (float) (vector[d] / Math.sqrt(sum));
        }
        ProtectedTemplate template = keys.protector().protect(vector,
                new TemplateBinding(pseudonym, referenceId, domain), dataKey);
        return new SyntheticGallerySeeder.Enrolment(subject, List.of(
                new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, privacy, "counter", now, null),
                new ConsentRecord(subject, ConsentPurpose.FACE_IDENTIFICATION, notice, "counter", now, null)),
                new FaceReference(referenceId, pseudonym, domain.name(), template.encode(),
                        template.domainKeyVersion(), "benchmark", now));
    }

    // ---------------------------------------------------------------- helpers

    private float[] embedding(String name) throws IOException {
        return engine.engine().analyze(image(name), AnalysisOptions.verification()).embedding().values();
    }

    /**
     * ACTIVE subjects with a FACE_IDENTIFICATION consent not withdrawn, straight from the identity store (the
     * notices' storage periods are years, so none has run out during the test).
     */
    private static Set<String> eligibleUids() throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = identity().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT s.uid FROM consent_record c "
                     + "JOIN subject s ON s.id = c.subject_id WHERE s.status = 'ACTIVE' "
                     + "AND s.face_deletion_due_at IS NULL AND c.purpose = 'FACE_IDENTIFICATION' "
                     + "AND c.withdrawn_at IS NULL");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private long expectedReferences() throws Exception {
        long total = 0;
        for (String uid : eligibleUids()) {
            total += count(biometric(), "SELECT COUNT(*) FROM face_reference WHERE pseudonym = ? "
                    + "AND protection_domain = '" + domain.name() + "'", keys.pseudonymizer().pseudonym(uid));
        }
        return total;
    }

    private static void setTemplate(String pseudonym, byte[] template) throws Exception {
        try (Connection c = biometric().getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE face_reference SET template = ? WHERE pseudonym = ?")) {
            u.setBytes(1, template);
            u.setString(2, pseudonym);
            assertEquals(1, u.executeUpdate());
        }
    }

    private static long count(DataSource store, String sql, String parameter) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static byte[] image(String name) throws IOException {
        String dir = System.getProperty("facetrust.it.testdata.dir", "");
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir, "faces/deepface")),
                "test images not found (facetrust.it.testdata.dir = '" + dir + "'): ../shared/testdata is absent");
        return Files.readAllBytes(Path.of(dir, "faces/deepface", name));
    }

    private static DataSource identity() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
    }

    private static DataSource biometric() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/BiometricDS");
    }
}
