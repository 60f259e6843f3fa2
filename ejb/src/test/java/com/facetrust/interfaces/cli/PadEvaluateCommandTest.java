package com.facetrust.interfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The PAD evaluation command end to end on a small real subset built at test time (links into
 * ../shared/testdata, never committed): 2 subjects × 6 live + 6 print frames of nuaa-dev, calibrated on one subject
 * and tested on the other.
 */
class PadEvaluateCommandTest {

    @Test
    void evaluatesALiveAndAttackFolderWithSubjectsKeptApart(@TempDir Path tmp) throws Exception {
        String root = System.getProperty("facetrust.testdata.dir");
        Path nuaa = root == null ? null : Path.of(root, "pad", "nuaa-dev");
        assumeTrue(nuaa != null && Files.isDirectory(nuaa),
                "test images absent (system property facetrust.testdata.dir -> ../shared/testdata): skipped");
        Path data = tmp.resolve("data");
        for (String folder : List.of("live", "attack-print")) {
            Files.createDirectories(data.resolve(folder));
            for (String subject : List.of("0002", "0005")) {
                try (Stream<Path> s = Files.list(nuaa.resolve(folder))) {
                    for (Path p : s.filter(p -> p.getFileName().toString().startsWith(subject + "_")).sorted()
                            .limit(6).toList()) {
                        Files.createSymbolicLink(data.resolve(folder).resolve(p.getFileName()), p);
                    }
                }
            }
        }
        Path out = tmp.resolve("out");
        int code = new CommandLine(new PadEvaluateCommand()).execute("--data", data.toString(), "--out",
                out.toString(), "--calibration-subjects", "0002");
        assertEquals(0, code);
        for (String f : List.of("report.md", "scores.csv", "det.csv", "det.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(25, scores.size(), "header + 24 items");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("Calibrated on subjects 0002"), report);
        // Held-out subject 0005: 6 live, 6 print; both classes separate cleanly on these frames.
        assertTrue(report.contains("| **BPCER** | 0.00 % (0/6;"), report);
        assertTrue(report.contains("| **APCER (worst type: print)** | 0.00 % (0/6;"), report);
    }
}
