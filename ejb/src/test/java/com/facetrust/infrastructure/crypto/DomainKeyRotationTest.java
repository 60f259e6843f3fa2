package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.StoredTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static com.facetrust.infrastructure.crypto.AesGcmTemplateProtectorTest.assertFailure;
import static com.facetrust.infrastructure.crypto.ProtectionFixture.COUNTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renewability (A-7.2b, D-3.6): rotation re-issues every template, keeps scores, and revokes the old ones. */
class DomainKeyRotationTest {
    @TempDir
    Path dir;
    ProtectionFixture f;
    final Random random = new Random(11);
    final List<float[]> embeddings = new ArrayList<>();
    final List<float[]> probes = new ArrayList<>();
    /** The "table": reference id -> row; rotation writes back into it. */
    final Map<String, StoredTemplate> table = new LinkedHashMap<>();

    @BeforeEach
    void enrol() {
        f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(COUNTER);
        for (int i = 0; i < 40; i++) {
            float[] x = ProtectionFixture.randomUnitVector(random, 512);
            embeddings.add(x);
            probes.add(ProtectionFixture.correlatedUnitVector(random, x, 0.3 + 0.6 * random.nextDouble()));
            UUID dataKey = f.keys.createDataKey();
            TemplateBinding binding = new TemplateBinding("pseudonym-" + i, UUID.randomUUID().toString(), COUNTER);
            table.put(binding.referenceId(), new StoredTemplate(binding, f.protector.protect(x, binding, dataKey)));
        }
    }

    @Test
    void rotationPreservesComparisonsAndRevokesOldTemplates() {
        List<StoredTemplate> before = new ArrayList<>(table.values());
        double[][] scoresBefore = scores(before);
        List<DomainKeyRotation.Progress> progress = new ArrayList<>();

        DomainKeyRotation.Report report = new DomainKeyRotation(f.keys, f.protector).rotate(COUNTER,
                new ArrayList<>(table.values()), table.size(),
                renewed -> table.put(renewed.binding().referenceId(), renewed), progress::add);

        assertEquals(2, report.targetVersion());
        assertEquals(40, report.processed());
        assertEquals(40, report.reissued());
        assertEquals(List.of(1), List.copyOf(report.destroyedVersions()));
        assertEquals(40, progress.size());
        assertEquals(40, progress.get(39).processed());
        assertEquals(40, progress.get(39).total());
        assertEquals(List.of(2), List.copyOf(f.keys.domainKeyVersions(COUNTER)));

        List<StoredTemplate> after = new ArrayList<>(table.values());
        double[][] scoresAfter = scores(after);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(2, after.get(i).template().domainKeyVersion());
            for (int j = 0; j < before.size(); j++) {
                assertEquals(scoresBefore[i][j], scoresAfter[i][j], 1e-5);
            }
        }
        // The old rows (a leaked copy, say) are revoked: the old key no longer exists.
        for (StoredTemplate old : before) {
            assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.protector.open(old.template(), old.binding()));
            assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.keys.domainKey(COUNTER, 1));
        }
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED,
                () -> f.protector.transformProbe(probes.get(0), COUNTER, 1));
        // New enrolments use the new version.
        TemplateBinding fresh = new TemplateBinding("pseudonym-new", UUID.randomUUID().toString(), COUNTER);
        assertEquals(2, f.protector.protect(embeddings.get(0), fresh, f.keys.createDataKey()).domainKeyVersion());
    }

    @Test
    void shreddedAndTamperedTemplatesAreReportedNotFatal() {
        List<StoredTemplate> rows = new ArrayList<>(table.values());
        f.keys.destroyDataKey(rows.get(3).template().dataKeyId());
        ProtectedTemplate t = rows.get(5).template();
        byte[] ct = t.ciphertext();
        ct[0] ^= 1;
        rows.set(5, new StoredTemplate(rows.get(5).binding(), new ProtectedTemplate(1, t.domain(),
                t.domainKeyVersion(), t.dataKeyId(), t.dimension(), t.iv(), ct)));

        DomainKeyRotation.Report report = new DomainKeyRotation(f.keys, f.protector).rotate(COUNTER, rows,
                rows.size(), renewed -> table.put(renewed.binding().referenceId(), renewed), null);

        assertEquals(40, report.processed());
        assertEquals(38, report.reissued());
        assertEquals(1, report.shredded());
        assertEquals(List.of(rows.get(5).binding().referenceId()), report.integrityFailures());
    }

    @Test
    void interruptedRotationResumesWithoutDoubleWork() {
        DomainKeyRotation rotation = new DomainKeyRotation(f.keys, f.protector);
        int target = rotation.begin(COUNTER);
        List<StoredTemplate> rows = new ArrayList<>(table.values());
        // First batch only, then a "crash".
        rotation.reissue(COUNTER, target, rows.subList(0, 15).iterator(), -1,
                renewed -> table.put(renewed.binding().referenceId(), renewed), null);
        // Resume over the whole table: the first 15 are already at the target version.
        DomainKeyRotation.Report resumed = rotation.reissue(COUNTER, target,
                new ArrayList<>(table.values()).iterator(), -1,
                renewed -> table.put(renewed.binding().referenceId(), renewed), null);
        assertEquals(15, resumed.alreadyCurrent());
        assertEquals(25, resumed.reissued());
        assertEquals(List.of(1), List.copyOf(rotation.finish(COUNTER, target)));
        List<StoredTemplate> after = new ArrayList<>(table.values());
        for (int i = 0; i < after.size(); i++) {
            assertEquals(AesGcmTemplateProtector.cosine(embeddings.get(i), probes.get(i)),
                    f.protector.compare(probes.get(i), after.get(i).template(), after.get(i).binding()), 1e-5);
        }
    }

    @Test
    void rotateAfterACrashFinishesThePendingRotation() {
        DomainKeyRotation first = new DomainKeyRotation(f.keys, f.protector);
        int target = first.begin(COUNTER);
        List<StoredTemplate> rows = new ArrayList<>(table.values());
        first.reissue(COUNTER, target, rows.subList(0, 10).iterator(), -1,
                renewed -> table.put(renewed.binding().referenceId(), renewed), null);
        // "Restart": a new job finds the pending rotation and completes it rather than beginning version 3.
        DomainKeyRotation restarted = new DomainKeyRotation(f.keys, f.protector);
        assertEquals(target, restarted.pendingTarget(COUNTER).getAsInt());
        DomainKeyRotation.Report report = restarted.rotate(COUNTER, new ArrayList<>(table.values()), table.size(),
                renewed -> table.put(renewed.binding().referenceId(), renewed), null);
        assertEquals(2, report.targetVersion());
        assertEquals(10, report.alreadyCurrent());
        assertEquals(30, report.reissued());
        assertEquals(List.of(2), List.copyOf(f.keys.domainKeyVersions(COUNTER)));
        assertTrue(restarted.pendingTarget(COUNTER).isEmpty());
    }

    @Test
    void unknownDomainCannotBeRotated() {
        assertFailure(FailureCode.APPLICATION_DOMAIN_UNKNOWN,
                () -> new DomainKeyRotation(f.keys, f.protector).begin(ProtectionFixture.MOBILE));
        assertTrue(f.keys.domainKeyVersions(ProtectionFixture.MOBILE).isEmpty());
    }

    private double[][] scores(List<StoredTemplate> rows) {
        double[][] s = new double[rows.size()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.size(); j++) {
                s[i][j] = f.protector.compare(probes.get(j), rows.get(i).template(), rows.get(i).binding());
            }
        }
        return s;
    }
}
