package com.facetrust.evaluation.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known-answer tests of the ISO/IEC 30107-3 rates on hand-made score sets. */
class PadEvaluationTest {

    /** 10 live scores 0.1..1.0; print attacks 0.0..0.45 step 0.05 (10); replay attacks 0.2, 0.4, 0.6, 0.8 (4). */
    private static List<PadScore> sample() {
        List<PadScore> s = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            s.add(PadScore.bonaFide("live" + i, i / 10.0));
        }
        for (int i = 0; i < 10; i++) {
            s.add(PadScore.attack("print" + i, "print", i * 0.05));
        }
        for (int i = 1; i <= 4; i++) {
            s.add(PadScore.attack("replay" + i, "replay", i * 0.2));
        }
        return s;
    }

    @Test
    void ratesAtAGivenThresholdCountEachSide() {
        PadEvaluation e = new PadEvaluation(sample());
        PadOperatingPoint p = e.at(0.5);
        // live scores < 0.5: 0.1..0.4 → 4 of 10 rejected
        assertEquals(4, p.bpcer().errors());
        assertEquals(10, p.bpcer().total());
        // print ≥ 0.5: none; replay ≥ 0.5: 0.6, 0.8 → 2 of 4
        assertEquals(0, p.apcerPerType().get("print").errors());
        assertEquals(2, p.apcerPerType().get("replay").errors());
        assertEquals("replay", p.worstAttackType(), "the worst attack type decides APCER");
        assertEquals(0.5, p.apcerMax().rate(), 1e-12);
    }

    @Test
    void thresholdEqualToAScoreAcceptsIt() {
        PadEvaluation e = new PadEvaluation(sample());
        assertEquals(1, e.apcer("replay", 0.8).errors());
        assertEquals(0, e.apcer("replay", Math.nextUp(0.8)).errors());
        assertEquals(0, e.bpcer(0.1).errors());
    }

    @Test
    void bpcerAtZeroApcerPlacesThresholdAboveTheHighestAttack() {
        PadEvaluation e = new PadEvaluation(sample());
        PadOperatingPoint p = e.atApcer(0.0);
        assertTrue(p.threshold() > 0.8 && p.threshold() < 0.8 + 1e-9, "threshold " + p.threshold());
        assertEquals(0, p.apcerMax().errors());
        // live > 0.8: 0.9, 1.0 accepted → 8 of 10 rejected
        assertEquals(8, p.bpcer().errors());
    }

    @Test
    void targetAllowsFloorOfTargetTimesCountPerType() {
        PadEvaluation e = new PadEvaluation(sample());
        // 25 %: print may pass floor(2.5) = 2 → threshold above 0.35; replay may pass 1 → above 0.6.
        PadOperatingPoint p = e.atApcer(0.25);
        assertEquals(1, p.apcerPerType().get("replay").errors());
        assertEquals(0, p.apcerPerType().get("print").errors());
        assertEquals(6, p.bpcer().errors(), "live 0.1..0.6 rejected");
        assertFalse(p.measurable(), "4 replay samples cannot show 25 % (rule of three needs 12)");
    }

    @Test
    void measurableWhenEveryTypeHasThreeOverTargetSamples() {
        List<PadScore> s = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            s.add(PadScore.bonaFide("l" + i, 0.5 + i / 1000.0));
            s.add(PadScore.attack("a" + i, "print", i / 1000.0));
        }
        PadEvaluation e = new PadEvaluation(s);
        assertTrue(e.atApcer(0.01).measurable());
        assertFalse(e.atApcer(0.001).measurable());
        assertEquals(0, e.atApcer(0.01).bpcer().errors(), "separable sets: no bona-fide rejected");
    }

    @Test
    void equalErrorPointOfSymmetricOverlap() {
        List<PadScore> s = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            s.add(PadScore.bonaFide("l" + i, 0.1 + i / 100.0)); // 0.10..1.09
            s.add(PadScore.attack("a" + i, "print", i / 100.0)); // 0.00..0.99
        }
        double[] eer = new PadEvaluation(s).equalErrorPoint();
        assertEquals(eer[1], eer[2], 0.011);
        assertEquals(0.45, eer[1], 0.02);
    }

    @Test
    void clopperPearsonKnownValues() {
        // Zero errors in 10: upper bound 1 - 0.025^(1/10) = 0.30850
        ErrorRate r = ErrorRate.of(0, 10);
        assertEquals(0.0, r.lower95());
        assertEquals(0.30850, r.upper95(), 1e-4);
        // 5 of 10: textbook interval 0.18709–0.81291
        ErrorRate h = ErrorRate.of(5, 10);
        assertEquals(0.18709, h.lower95(), 1e-4);
        assertEquals(0.81291, h.upper95(), 1e-4);
        // 1 of 100: 0.000253–0.054460
        ErrorRate o = ErrorRate.of(1, 100);
        assertEquals(0.000253, o.lower95(), 2e-6);
        assertEquals(0.054460, o.upper95(), 1e-4);
    }

    @Test
    void refusesSetsWithoutOneSide() {
        assertThrows(IllegalArgumentException.class, () -> new PadEvaluation(List.of(PadScore.bonaFide("x", 1))));
        assertThrows(IllegalArgumentException.class,
                () -> new PadEvaluation(List.of(PadScore.attack("x", "print", 1))));
    }

    @Test
    void probitKnownValues() {
        assertEquals(0.0, PadDetWriter.probit(0.5), 1e-9);
        assertEquals(-1.959964, PadDetWriter.probit(0.025), 1e-6);
        assertEquals(-3.090232, PadDetWriter.probit(0.001), 1e-6);
    }

    @Test
    void writesCsvAndSvg(@TempDir Path dir) throws Exception {
        PadEvaluation e = new PadEvaluation(sample());
        Path csv = dir.resolve("det.csv");
        Path svg = dir.resolve("det.svg");
        PadDetWriter.writeCsv(e, csv);
        PadDetWriter.writeSvg(e, "test <det>", svg);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("threshold,apcer_max,worst_attack_type,apcer_print,apcer_replay,bpcer,bpcer_errors,"
                + "bona_fide_count", lines.get(0));
        assertEquals(e.candidateThresholds().length + 1, lines.size());
        // The lowest threshold accepts everything: APCER 100 %, BPCER 0.
        assertTrue(lines.get(1).contains(",1.000000,"), lines.get(1));
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg") && s.contains("<polyline") && s.contains("test &lt;det&gt;"));
    }

    @Test
    void readerFindsImagesSequencesAndSubjects(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("live"));
        Files.createDirectories(root.resolve("attack-print"));
        Files.createDirectories(root.resolve("attack-replay/clip1"));
        Files.createDirectories(root.resolve("other"));
        Files.write(root.resolve("live/0003_a.jpg"), new byte[] {1});
        Files.write(root.resolve("live/notes.txt"), new byte[] {1});
        Files.write(root.resolve("attack-print/0007_b.png"), new byte[] {1});
        Files.write(root.resolve("attack-replay/clip1/frame_0002.jpg"), new byte[] {1});
        Files.write(root.resolve("attack-replay/clip1/frame_0001.jpg"), new byte[] {1});
        Files.write(root.resolve("other/x.jpg"), new byte[] {1});
        List<PadItem> items = PadDatasetReader.read(root);
        assertEquals(3, items.size());
        PadItem live = items.stream().filter(PadItem::isBonaFide).findFirst().orElseThrow();
        assertEquals("0003", live.subject());
        PadItem clip = items.stream().filter(PadItem::isSequence).findFirst().orElseThrow();
        assertEquals("replay", clip.attackType());
        assertEquals("frame_0001.jpg", clip.frames().get(0).getFileName().toString());
        assertEquals("attack-replay/clip1", clip.id());
    }

    @Test
    void readerAcceptsTheFlatSamplesLayout(@TempDir Path root) throws Exception {
        Files.write(root.resolve("live.jpg"), new byte[] {1});
        Files.write(root.resolve("attack-print.jpg"), new byte[] {1});
        Files.write(root.resolve("attack-replay_2.png"), new byte[] {1});
        Files.write(root.resolve("readme.jpg"), new byte[] {1});
        List<PadItem> items = PadDatasetReader.read(root);
        assertEquals(3, items.size());
        assertEquals(List.of("print", "replay"), items.stream().filter(i -> !i.isBonaFide())
                .map(PadItem::attackType).sorted().toList());
    }

    @Test
    void readerRefusesFolderWithoutAttacks(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("live"));
        assertThrows(java.io.IOException.class, () -> PadDatasetReader.read(root));
    }
}
