package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.StoredTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.evaluation.ImageCollection;
import com.facetrust.evaluation.LabelledImage;
import com.facetrust.evaluation.OperatingPoint;
import com.facetrust.evaluation.VerificationMetrics;
import com.facetrust.evaluation.VerificationScores;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Measures template protection on real faces (issue 4: "unlinkable — measure it", "no loss — FAR/FRR with
 * protection equal to without"). For every image of each set: the engine's embedding, protected with real keys (a
 * fresh PKCS12 master keystore and file key store in a temporary directory) in two application domains.
 * <ol>
 *   <li>No loss: all pairs within one domain scored as production does (probe transformed, reference decrypted)
 *       versus plain cosine of the unprotected embeddings; FRR at FAR 1e-2..1e-4 and EER of both, the largest score
 *       difference, and how many pair decisions change at the plain thresholds.</li>
 *   <li>Unlinkability (ISO/IEC 30136, Gomez-Barrero et al. 2018): an attacker holding the decrypted protected
 *       templates of both domains (KEK compromised, domain keys not) compares them across domains. Mated = one
 *       subject (other image, and the same image enrolled twice), non-mated = two subjects. D&harr;sys, overlap,
 *       the sampling-noise floor, and for contrast the same figures without the transform.</li>
 *   <li>Renewal: the domain key is rotated over all templates; scores after must equal scores before, and the
 *       old templates must no longer open.</li>
 * </ol>
 * Run (from the project root; images are never copied):
 * <pre>
 * mvn -o -q -pl ejb test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.facetrust.infrastructure.crypto.TemplateProtectionMeasurement \
 *   -Dexec.args="../shared/testdata/faces/deepface ../shared/testdata/faces/bbt ../shared/testdata/faces/celeba-dev"
 * </pre>
 * Prints a markdown report and writes it to {@code target/template-protection-report.md} under the directory mvn runs
 * in (the project root with the command above).
 * Timings printed are from one run on a shared machine: indications, not benchmarks.
 */
public final class TemplateProtectionMeasurement {
    static final ApplicationDomain DOMAIN_A = ApplicationDomain.of("domain-a");
    static final ApplicationDomain DOMAIN_B = ApplicationDomain.of("domain-b");
    static final double[] FAR_TARGETS = {1e-2, 1e-3, 1e-4};
    static final int KEY_PAIRS = 5;

    record Sample(int identity, String identityName, float[] embedding) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: TemplateProtectionMeasurement <identity-folder-set>...");
            System.exit(2);
        }
        StringBuilder report = new StringBuilder();
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults())) {
            for (String arg : args) {
                Path set = Path.of(arg);
                if (!Files.isDirectory(set)) {
                    System.err.println("skipping " + set + ": not a folder (test data absent?)");
                    continue;
                }
                String section = measureSet(engine, set);
                report.append(section).append('\n');
                System.out.println(section);
            }
        }
        Path out = Path.of("target", "template-protection-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.err.println("report written to " + out.toAbsolutePath());
    }

    static String measureSet(FaceEngine engine, Path set) throws IOException {
        ImageCollection collection = ImageCollection.read(set);
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> identities = new LinkedHashMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        long t0 = System.nanoTime();
        for (LabelledImage image : collection.images()) {
            try {
                FaceAnalysis a = engine.analyze(Files.readAllBytes(image.path()), AnalysisOptions.verification());
                int id = identities.computeIfAbsent(image.identity(), k -> identities.size());
                samples.add(new Sample(id, image.identity(), a.embedding().values()));
            } catch (FaceTrustException e) {
                failures.merge(e.failureCode().name(), 1, Integer::sum);
            }
        }
        double extractSeconds = (System.nanoTime() - t0) / 1e9;
        int n = samples.size();

        Path keysDir = Files.createTempDirectory("facetrust-protection-measure");
        try {
            ProtectionFixture f = new ProtectionFixture(keysDir);
            HmacSubjectPseudonymizer pseudonyms = new HmacSubjectPseudonymizer(f.master);
            long d0 = System.nanoTime();
            f.keys.createDomainKeyVersion(DOMAIN_A);
            f.keys.createDomainKeyVersion(DOMAIN_B);
            f.protector.transformProbe(samples.get(0).embedding(), DOMAIN_A, 1); // derive (and cache) Q_A
            double deriveMs = (System.nanoTime() - d0) / 1e6;
            f.protector.transformProbe(samples.get(0).embedding(), DOMAIN_B, 1);

            Map<Integer, UUID> dataKeys = new TreeMap<>();
            List<StoredTemplate> inA = new ArrayList<>();
            List<StoredTemplate> inB = new ArrayList<>();
            long p0 = System.nanoTime();
            for (Sample s : samples) {
                UUID dek = dataKeys.computeIfAbsent(s.identity(), k -> f.keys.createDataKey());
                String pseudonym = pseudonyms.pseudonym("subject-" + s.identityName());
                TemplateBinding a = new TemplateBinding(pseudonym, UUID.randomUUID().toString(), DOMAIN_A);
                inA.add(new StoredTemplate(a, f.protector.protect(s.embedding(), a, dek)));
            }
            double protectUs = (System.nanoTime() - p0) / 1e3 / n;
            for (Sample s : samples) {
                UUID dek = dataKeys.get(s.identity());
                TemplateBinding b = new TemplateBinding(pseudonyms.pseudonym("subject-" + s.identityName()),
                        UUID.randomUUID().toString(), DOMAIN_B);
                inB.add(new StoredTemplate(b, f.protector.protect(s.embedding(), b, dek)));
            }
            long o0 = System.nanoTime();
            float[][] openedA = openAll(f, inA);
            double openUs = (System.nanoTime() - o0) / 1e3 / n;
            float[][] openedB = openAll(f, inB);
            long tp0 = System.nanoTime();
            float[][] probesA = new float[n][];
            for (int i = 0; i < n; i++) {
                probesA[i] = f.protector.transformProbe(samples.get(i).embedding(), DOMAIN_A, 1);
            }
            double transformUs = (System.nanoTime() - tp0) / 1e3 / n;

            // 1. No loss: every pair i<j, reference i (stored) against probe j (fresh), plain versus protected.
            List<Float> gPlain = new ArrayList<>(), gProt = new ArrayList<>();
            List<Float> iPlain = new ArrayList<>(), iProt = new ArrayList<>();
            double maxDelta = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double plain = AesGcmTemplateProtector.cosine(samples.get(i).embedding(), samples.get(j).embedding());
                    double prot = AesGcmTemplateProtector.cosine(probesA[j], openedA[i]);
                    maxDelta = Math.max(maxDelta, Math.abs(plain - prot));
                    boolean genuine = samples.get(i).identity() == samples.get(j).identity();
                    (genuine ? gPlain : iPlain).add((float) plain);
                    (genuine ? gProt : iProt).add((float) prot);
                }
            }
            // The fast path above must be what TemplateProtector.compare computes: check on a few pairs.
            double apiDelta = 0;
            for (int k = 0; k < Math.min(50, n - 1); k++) {
                double viaApi = f.protector.compare(samples.get(k + 1).embedding(), inA.get(k).template(),
                        inA.get(k).binding());
                apiDelta = Math.max(apiDelta, Math.abs(viaApi
                        - AesGcmTemplateProtector.cosine(probesA[k + 1], openedA[k])));
            }
            VerificationScores plainScores = new VerificationScores(toArray(gPlain), toArray(iPlain));
            VerificationScores protScores = new VerificationScores(toArray(gProt), toArray(iProt));
            List<OperatingPoint> plainPoints = VerificationMetrics.operatingPoints(plainScores, FAR_TARGETS);
            List<OperatingPoint> protPoints = VerificationMetrics.operatingPoints(protScores, FAR_TARGETS);
            long flips = 0;
            for (OperatingPoint p : plainPoints) {
                if (p.measurable()) {
                    flips += decisionFlips(gPlain, gProt, p.threshold()) + decisionFlips(iPlain, iProt, p.threshold());
                }
            }

            // 2. Unlinkability: domain A against KEY_PAIRS other domains (each its own independent key), because an
            //    attacker faces one fixed pair of keys and the figures vary from pair to pair.
            List<UnlinkabilityMetric.Result> linkOther = new ArrayList<>();
            List<UnlinkabilityMetric.Result> linkSame = new ArrayList<>();
            List<Double> floorOther = new ArrayList<>();
            List<Double> floorSame = new ArrayList<>();
            List<Double> structuredOther = new ArrayList<>();
            List<Double> structuredSame = new ArrayList<>();
            int binsOther = 0;
            int binsSame = 0;
            for (int k = 0; k < KEY_PAIRS; k++) {
                ApplicationDomain other = k == 0 ? DOMAIN_B : ApplicationDomain.of("domain-b" + (k + 1));
                float[][] openedOther = openedB;
                if (k > 0) {
                    f.keys.createDomainKeyVersion(other);
                    List<StoredTemplate> inOther = new ArrayList<>();
                    for (Sample s : samples) {
                        TemplateBinding b = new TemplateBinding(pseudonyms.pseudonym("subject-" + s.identityName()),
                                UUID.randomUUID().toString(), other);
                        inOther.add(new StoredTemplate(b, f.protector.protect(s.embedding(), b,
                                dataKeys.get(s.identity()))));
                    }
                    openedOther = openAll(f, inOther);
                }
                float[][] cross = new float[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        cross[i][j] = (float) AesGcmTemplateProtector.cosine(openedA[i], openedOther[j]);
                    }
                }
                List<Double> matedOther = new ArrayList<>(), matedSame = new ArrayList<>();
                List<Double> nonMated = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i == j) {
                            matedSame.add((double) cross[i][j]);
                        } else if (samples.get(i).identity() == samples.get(j).identity()) {
                            matedOther.add((double) cross[i][j]);
                        } else {
                            nonMated.add((double) cross[i][j]);
                        }
                    }
                }
                double[] nm = toDoubles(nonMated);
                binsOther = UnlinkabilityMetric.binsFor(matedOther.size());
                binsSame = UnlinkabilityMetric.binsFor(matedSame.size());
                linkOther.add(UnlinkabilityMetric.evaluate(toDoubles(matedOther), nm, binsOther));
                linkSame.add(UnlinkabilityMetric.evaluate(toDoubles(matedSame), nm, binsSame));
                floorOther.add(UnlinkabilityMetric.noiseFloor(nm, matedOther.size(), binsOther, 10, 1 + k));
                floorSame.add(UnlinkabilityMetric.noiseFloor(nm, matedSame.size(), binsSame, 10, 100 + k));
                double[] structured = structuredFloor(samples, cross, nm, binsOther, binsSame, 10, 1000 + k);
                structuredOther.add(structured[0]);
                structuredSame.add(structured[1]);
            }
            // Contrast: the same comparison without the transform (encryption alone protects nothing once opened).
            List<Double> plainMated = new ArrayList<>(), plainNonMated = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double c = AesGcmTemplateProtector.cosine(samples.get(i).embedding(), samples.get(j).embedding());
                        (samples.get(i).identity() == samples.get(j).identity() ? plainMated : plainNonMated).add(c);
                    }
                }
            }
            UnlinkabilityMetric.Result linkPlain = UnlinkabilityMetric.evaluate(toDoubles(plainMated),
                    toDoubles(plainNonMated), UnlinkabilityMetric.binsFor(plainMated.size()));

            // 2b. The limit: a structural attack on both decrypted domains (see structuralAttack).
            StructuralResult structural = structuralAttack(samples, f, pseudonyms, dataKeys, false);
            StructuralResult structuralSame = structuralAttack(samples, f, pseudonyms, dataKeys, true);

            // 3. Renewal: rotate domain A over all its templates.
            List<StoredTemplate> rotated = new ArrayList<>();
            long r0 = System.nanoTime();
            DomainKeyRotation.Report rotation = new DomainKeyRotation(f.keys, f.protector)
                    .rotate(DOMAIN_A, inA, n, rotated::add, null);
            double rotateMs = (System.nanoTime() - r0) / 1e6;
            double rotationDelta = 0;
            float[][] openedRotated = openAll(f, rotated);
            for (int i = 0; i < n; i++) {
                float[] probe = f.protector.transformProbe(samples.get((i + 1) % n).embedding(), DOMAIN_A,
                        rotation.targetVersion());
                double after = AesGcmTemplateProtector.cosine(probe, openedRotated[i]);
                double plain = AesGcmTemplateProtector.cosine(samples.get(i).embedding(),
                        samples.get((i + 1) % n).embedding());
                rotationDelta = Math.max(rotationDelta, Math.abs(after - plain));
            }
            int oldStillOpen = 0;
            for (StoredTemplate old : inA) {
                try {
                    f.protector.open(old.template(), old.binding());
                    oldStillOpen++;
                } catch (FaceTrustException expected) {
                    // TEMPLATE_KEY_DESTROYED: revoked, as intended
                }
            }
            double renewedCross = 0;
            for (int i = 0; i < n; i++) {
                renewedCross = Math.max(renewedCross,
                        Math.abs(AesGcmTemplateProtector.cosine(openedA[i], openedRotated[i])));
            }

            StringBuilder r = new StringBuilder();
            r.append(String.format(Locale.ROOT, "### %s%n%n", set.getFileName()));
            r.append(String.format(Locale.ROOT,
                    "%d images, %d with an embedding (%d identities); no embedding: %s. Extraction %.1f s.%n%n",
                    collection.images().size(), n, identities.size(), failures.isEmpty() ? "none" : failures,
                    extractSeconds));
            r.append("**No loss** (one domain; reference decrypted, probe transformed, as in production):\n\n");
            r.append(String.format(Locale.ROOT, "- %d genuine and %d impostor pairs; largest |protected - plain| "
                            + "score difference %.2e (via TemplateProtector.compare on 50 pairs: %.2e); "
                            + "decisions changed at the plain thresholds below: %d%n",
                    gPlain.size(), iPlain.size(), maxDelta, apiDelta, flips));
            r.append(String.format(Locale.ROOT, "- EER plain %.4f %% / protected %.4f %%%n%n",
                    100 * VerificationMetrics.equalErrorRate(plainScores).rate(),
                    100 * VerificationMetrics.equalErrorRate(protScores).rate()));
            r.append("| target FAR | threshold plain / protected | FAR plain / protected | FRR plain / protected |\n");
            r.append("|---|---|---|---|\n");
            for (int k = 0; k < FAR_TARGETS.length; k++) {
                OperatingPoint a = plainPoints.get(k);
                OperatingPoint b = protPoints.get(k);
                if (!a.measurable()) {
                    r.append(String.format(Locale.ROOT, "| %.0e | not measurable (%d impostor pairs < 3/FAR) | | |%n",
                            a.targetFar(), a.impostorPairs()));
                    continue;
                }
                r.append(String.format(Locale.ROOT,
                        "| %.0e | %.5f / %.5f | %d/%d / %d/%d | %.2f %% (%d/%d) / %.2f %% (%d/%d) |%n",
                        a.targetFar(), a.threshold(), b.threshold(), a.falseAccepts(), a.impostorPairs(),
                        b.falseAccepts(), b.impostorPairs(), 100 * a.frr(), a.falseRejects(), a.genuinePairs(),
                        100 * b.frr(), b.falseRejects(), b.genuinePairs()));
            }
            r.append(String.format(Locale.ROOT, "%n**Unlinkability** (decrypted protected templates of domain A "
                    + "compared with those of another domain; %d independent key pairs; figures are the mean over "
                    + "the pairs, [min–max]; histogram bins: %d other-image, %d same-image):%n%n", KEY_PAIRS,
                    binsOther, binsSame));
            r.append("| mated pairs | pairs mated / non-mated | mated mean ± sd | non-mated mean ± sd | overlap | "
                    + "D↔sys | noise floor, i.i.d. | noise floor, identity-structured |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            r.append(row("same subject, other image", linkOther, floorOther, structuredOther));
            r.append(row("same image enrolled in both", linkSame, floorSame, structuredSame));
            r.append(row("without the transform (contrast)", List.of(linkPlain), List.of(), List.of()));
            if (structural != null) {
                r.append(String.format(Locale.ROOT, "%n**Limit — structural attack** (domain A holds each "
                                + "subject's first image, domain B its second; the attacker has both decrypted "
                                + "domains, no keys, and matches each template's sorted top-%d within-domain "
                                + "similarity profile; %d subjects): D↔sys %.3f (mated %d / non-mated %d pairs, "
                                + "null i.i.d. %.3f); rank-1 re-identification %d of %d (by chance: about 1). The same "
                                + "images compared directly across the domains: D↔sys %.3f.%n",
                        StructuralResult.PROFILE, structural.subjects(), structural.link().dSys(),
                        structural.link().matedPairs(), structural.link().nonMatedPairs(), structural.floor(),
                        structural.rank1(), structural.subjects(), structural.direct().dSys()));
                r.append(String.format(Locale.ROOT, "With the *same* image enrolled in both domains the profiles "
                                + "coincide: D↔sys %.3f (null %.3f), rank-1 re-identification %d of %d; compared "
                                + "directly: D↔sys %.3f.%n", structuralSame.link().dSys(), structuralSame.floor(),
                        structuralSame.rank1(), structuralSame.subjects(), structuralSame.direct().dSys()));
            }
            r.append(String.format(Locale.ROOT, "%n**Renewal**: rotated domain A (%d templates re-issued, %d "
                            + "already current, %d integrity failures) in %.0f ms (%.2f ms per template); largest "
                            + "|score after - plain| %.2e; old templates still opening: %d of %d; largest |cosine| "
                            + "between a template and its renewed self: %.3f.%n%n",
                    rotation.reissued(), rotation.alreadyCurrent(), rotation.integrityFailures().size(), rotateMs,
                    rotateMs / n, rotationDelta, oldStillOpen, n, renewedCross));
            r.append(String.format(Locale.ROOT, "Timings (one run, shared 2-core machine; indications only): derive "
                    + "one 512×512 domain transform %.0f ms; protect %.0f µs, open %.0f µs, transform a probe "
                    + "%.0f µs per template.%n", deriveMs, protectUs, openUs, transformUs));
            return r.toString();
        } finally {
            try (var walk = Files.walk(keysDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record StructuralResult(int subjects, UnlinkabilityMetric.Result link, double floor, int rank1,
                            UnlinkabilityMetric.Result direct) {
        static final int PROFILE = 10;
    }

    /**
     * What an isometric (comparison-preserving) transform cannot hide: each domain's similarity structure. Domain A
     * enrols every subject's first image, domain B the second, or with {@code sameImage} the first again (subjects
     * with two or more images). For each template the attacker computes the sorted top-k cosines to the other
     * templates of its own domain — invariant under any orthogonal transform and needing no key — and links across
     * domains by the distance of these profiles.
     */
    static StructuralResult structuralAttack(List<Sample> samples, ProtectionFixture f,
                                             HmacSubjectPseudonymizer pseudonyms, Map<Integer, UUID> dataKeys,
                                             boolean sameImage) {
        Map<Integer, List<Integer>> byIdentity = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byIdentity.computeIfAbsent(samples.get(i).identity(), k -> new ArrayList<>()).add(i);
        }
        List<float[]> a = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (List<Integer> images : byIdentity.values()) {
            if (images.size() >= 2) {
                a.add(protectAndOpen(f, pseudonyms, dataKeys, samples.get(images.get(0)), DOMAIN_A));
                b.add(protectAndOpen(f, pseudonyms, dataKeys, samples.get(images.get(sameImage ? 0 : 1)), DOMAIN_B));
            }
        }
        int m = a.size();
        if (m < 3 || m <= StructuralResult.PROFILE) {
            return null;
        }
        double[][] pa = profiles(a);
        double[][] pb = profiles(b);
        List<Double> mated = new ArrayList<>(), nonMated = new ArrayList<>();
        List<Double> directMated = new ArrayList<>(), directNonMated = new ArrayList<>();
        int rank1 = 0;
        for (int i = 0; i < m; i++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double d = 0;
                for (int k = 0; k < StructuralResult.PROFILE; k++) {
                    d += (pa[i][k] - pb[j][k]) * (pa[i][k] - pb[j][k]);
                }
                double score = -Math.sqrt(d);
                (i == j ? mated : nonMated).add(score);
                (i == j ? directMated : directNonMated).add(AesGcmTemplateProtector.cosine(a.get(i), b.get(j)));
                if (score > bestScore) {
                    bestScore = score;
                    best = j;
                }
            }
            if (best == i) {
                rank1++;
            }
        }
        double[] nm = toDoubles(nonMated);
        int bins = UnlinkabilityMetric.binsFor(mated.size());
        return new StructuralResult(m, UnlinkabilityMetric.evaluate(toDoubles(mated), nm, bins),
                UnlinkabilityMetric.noiseFloor(nm, mated.size(), bins, 10, 7), rank1,
                UnlinkabilityMetric.evaluate(toDoubles(directMated), toDoubles(directNonMated), bins));
    }

    private static float[] protectAndOpen(ProtectionFixture f, HmacSubjectPseudonymizer pseudonyms,
                                          Map<Integer, UUID> dataKeys, Sample s, ApplicationDomain domain) {
        TemplateBinding b = new TemplateBinding(pseudonyms.pseudonym("subject-" + s.identityName()),
                UUID.randomUUID().toString(), domain);
        return f.protector.open(f.protector.protect(s.embedding(), b, dataKeys.get(s.identity())), b);
    }

    /** Per template: its top-k cosines to the other templates of the same domain, descending. */
    private static double[][] profiles(List<float[]> templates) {
        int m = templates.size();
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] sims = new double[m - 1];
            int c = 0;
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    sims[c++] = AesGcmTemplateProtector.cosine(templates.get(i), templates.get(j));
                }
            }
            java.util.Arrays.sort(sims);
            out[i] = new double[StructuralResult.PROFILE];
            for (int k = 0; k < StructuralResult.PROFILE; k++) {
                out[i][k] = sims[sims.length - 1 - k];
            }
        }
        return out;
    }

    /**
     * The null distribution of D&harr;sys with the mated set's structure: "pseudo-mated" pairs join each identity of
     * domain A to another identity of domain B (a random derangement), so they are non-mated yet clustered by
     * identity like the real mated pairs (about 50 correlated pairs per identity in celeba-dev), which an i.i.d.
     * draw from the non-mated scores ignores. Returns the mean over {@code rounds} for [other-image, same-image].
     */
    static double[] structuredFloor(List<Sample> samples, float[][] cross, double[] nonMated, int binsOther,
                                    int binsSame, int rounds, long seed) {
        java.util.Random random = new java.util.Random(seed);
        Map<Integer, List<Integer>> byIdentity = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byIdentity.computeIfAbsent(samples.get(i).identity(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> ids = new ArrayList<>(byIdentity.keySet());
        double other = 0;
        double same = 0;
        for (int r = 0; r < rounds; r++) {
            List<Integer> target = new ArrayList<>(ids);
            do {
                java.util.Collections.shuffle(target, random);
            } while (hasFixedPoint(ids, target));
            List<Double> pseudoOther = new ArrayList<>();
            List<Double> pseudoSame = new ArrayList<>();
            for (int k = 0; k < ids.size(); k++) {
                List<Integer> a = byIdentity.get(ids.get(k));
                List<Integer> b = byIdentity.get(target.get(k));
                for (int x = 0; x < a.size(); x++) {
                    // other-image analogue: every pair across the two identities except one "diagonal" per image
                    for (int y = 0; y < b.size(); y++) {
                        if (y != x % b.size()) {
                            pseudoOther.add((double) cross[a.get(x)][b.get(y)]);
                        }
                    }
                    pseudoSame.add((double) cross[a.get(x)][b.get(x % b.size())]);
                }
            }
            other += UnlinkabilityMetric.evaluate(toDoubles(pseudoOther), nonMated, binsOther).dSys();
            same += UnlinkabilityMetric.evaluate(toDoubles(pseudoSame), nonMated, binsSame).dSys();
        }
        return new double[]{other / rounds, same / rounds};
    }

    private static boolean hasFixedPoint(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static String row(String label, List<UnlinkabilityMetric.Result> results, List<Double> floors,
                              List<Double> structuredFloors) {
        UnlinkabilityMetric.Result first = results.get(0);
        double[] dSys = results.stream().mapToDouble(UnlinkabilityMetric.Result::dSys).toArray();
        double[] overlap = results.stream().mapToDouble(UnlinkabilityMetric.Result::overlap).toArray();
        double[] floor = floors.stream().mapToDouble(Double::doubleValue).toArray();
        double[] structured = structuredFloors.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "| %s | %d / %d | %.4f ± %.4f | %.4f ± %.4f | %s | %s | %s | %s |%n", label,
                first.matedPairs(), first.nonMatedPairs(), first.matedMean(), first.matedStd(), first.nonMatedMean(),
                first.nonMatedStd(), spread(overlap), spread(dSys), floor.length == 0 ? "–" : spread(floor),
                structured.length == 0 ? "–" : spread(structured));
    }

    private static String spread(double[] v) {
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%.3f", v[0]);
        }
        return String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", UnlinkabilityMetric.mean(v),
                java.util.Arrays.stream(v).min().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow());
    }

    private static float[][] openAll(ProtectionFixture f, List<StoredTemplate> templates) {
        float[][] out = new float[templates.size()][];
        for (int i = 0; i < out.length; i++) {
            ProtectedTemplate t = templates.get(i).template();
            out[i] = f.protector.open(t, templates.get(i).binding());
        }
        return out;
    }

    private static long decisionFlips(List<Float> plain, List<Float> prot, double threshold) {
        long flips = 0;
        for (int i = 0; i < plain.size(); i++) {
            if ((plain.get(i) >= threshold) != (prot.get(i) >= threshold)) {
                flips++;
            }
        }
        return flips;
    }

    private static float[] toArray(List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    private static double[] toDoubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
