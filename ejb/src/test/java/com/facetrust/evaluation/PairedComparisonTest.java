package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedComparisonTest {

    @Test
    void exactMcNemarKnownValues() {
        assertEquals(1.0, PairedComparison.mcnemarExact(0, 0), 0);
        assertEquals(2 * Math.pow(0.5, 10), PairedComparison.mcnemarExact(0, 10), 1e-12);
        // b = 2, c = 8: 2 · (1 + 10 + 45) / 1024 (R: binom.test(2, 10)$p.value = 0.109375)
        assertEquals(0.109375, PairedComparison.mcnemarExact(2, 8), 1e-9);
        assertEquals(1.0, PairedComparison.mcnemarExact(5, 5), 0);
    }

    @Test
    void comparesTwoRunsPairByPair(@TempDir Path tmp) throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("genuine-scores.csv"), "first,second,score\np/1,p/2,0.50\np/1,p/3,0.20\nq/1,q/2,0.30\n");
        Files.writeString(b.resolve("genuine-scores.csv"), "first,second,score\np/1,p/2,0.55\np/1,p/3,0.45\nq/1,q/2,0.28\n");
        Files.writeString(a.resolve("summary.properties"), "threshold.far1e-3=0.35\nthreshold.far1e-4=not-measurable\n");
        Files.writeString(b.resolve("summary.properties"), "threshold.far1e-3=0.40\nthreshold.far1e-4=0.5\n");
        List<PairedComparison.Row> rows = PairedComparison.compare(a, b, 1e-3, 1e-4);
        PairedComparison.Row r = rows.get(0);
        assertEquals(3, r.pairs());
        assertEquals(2, r.rejectsA()); // 0.20 and 0.30 < 0.35
        assertEquals(1, r.rejectsB()); // 0.28 < 0.40
        assertEquals(1, r.onlyARejects()); // p/1,p/3
        assertEquals(0, r.onlyBRejects());
        assertEquals(1.0, r.pValue(), 1e-12);
        assertEquals(true, Double.isNaN(rows.get(1).thresholdA()));
    }
}
