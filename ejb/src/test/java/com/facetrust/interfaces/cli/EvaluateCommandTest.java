package com.facetrust.interfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end: the {@code evaluate} command with the real engine and models on real photos (deepface set), laid out
 * at test time as a small LFW-format fixture (copies in a temp folder, never committed) with a pairs file.
 */
class EvaluateCommandTest {

    private static Path deepface;

    @BeforeAll
    static void testData() {
        String dir = System.getProperty("facetrust.testdata.dir");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "faces", "deepface")),
                "shared test data (../shared/testdata/faces/deepface) not found: skipping the end-to-end evaluation");
        deepface = Path.of(dir, "faces", "deepface");
    }

    /** Copies deepface into {@code <Name>/<Name>_<NNNN>.jpg} and writes a 10-fold pairs.txt; returns the root. */
    static Path lfwFixture(Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("lfw"));
        List<String> names = new ArrayList<>();
        List<Path> ids;
        try (Stream<Path> s = Files.list(deepface)) {
            ids = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path id : ids) {
            String name = "Person_" + id.getFileName();
            List<Path> files;
            try (Stream<Path> s = Files.list(id)) {
                files = s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
            }
            Path dir = Files.createDirectories(root.resolve(name));
            for (int i = 0; i < files.size(); i++) {
                Files.copy(files.get(i), dir.resolve(String.format(Locale.ROOT, "%s_%04d.jpg", name, i + 1)));
            }
            names.add(name);
        }
        // 10 folds of 1 matched + 1 mismatched pair (header "10 1"), identities rotated through the folds.
        StringBuilder pairs = new StringBuilder("10\t1\n");
        for (int f = 0; f < 10; f++) {
            String a = names.get(f), b = names.get((f + 1) % names.size());
            pairs.append(a).append("\t1\t2\n");
            pairs.append(a).append("\t1\t").append(b).append("\t2\n");
        }
        Files.writeString(tmp.resolve("pairs.txt"), pairs);
        return root;
    }

    @Test
    void evaluatesAnLfwLayoutWithPairsFile(@TempDir Path tmp) throws IOException {
        Path root = lfwFixture(tmp);
        Path out = tmp.resolve("out");
        Path thresholds = tmp.resolve("thresholds.properties");
        int exit = new CommandLine(new FaceTrustCommand()).execute("evaluate", "--images", root.toString(),
                "--pairs", tmp.resolve("pairs.txt").toString(), "--out", out.toString(), "--no-cache", "--quiet",
                "--enrol-images", "2", "--name", "deepface-lfw", "--write-thresholds", thresholds.toString());
        assertEquals(0, exit);
        for (String f : List.of("report.md", "det.svg", "det.csv", "det-enrolment.svg", "histogram.csv",
                "histogram.svg", "operating-points.csv", "failures.csv", "timing.csv", "tenfold.csv",
                "suspected-label-errors.csv", "suspected-mislabelled-images.csv", "genuine-scores.csv",
                "summary.properties")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + " written");
        }
        Properties summary = new Properties();
        try (Reader r = Files.newBufferedReader(out.resolve("summary.properties"))) {
            summary.load(r);
        }
        assertEquals("61", summary.getProperty("images"));
        assertEquals(140, Integer.parseInt(summary.getProperty("genuine_pairs")),
                "all within-identity pairs of 61 images in 13 identities");
        int failures = Integer.parseInt(summary.getProperty("failures_to_enrol"));
        assertTrue(failures <= 1, "good frontal photos: at most 1 of 61 fails to enrol (A-6.1 is 1 %)");
        double accuracy = Double.parseDouble(summary.getProperty("tenfold.accuracy"));
        assertTrue(accuracy >= 0.9, "10-fold accuracy on easy deepface pairs: " + accuracy);
        double rank1 = Double.parseDouble(summary.getProperty("rank1"));
        assertTrue(rank1 >= 0.9, "rank-1 on deepface: " + rank1);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("10-fold protocol") && report.contains("from the header"), report);
        assertTrue(Files.readString(out.resolve("det.svg")).startsWith("<svg"));
        assertTrue(Files.readString(thresholds).contains("threshold.far1e-3.point="));
        assertEquals(141, Files.readAllLines(out.resolve("genuine-scores.csv")).size(), "header + 140 genuine pairs");
        // genuine mean above impostor mean, from the histogram densities' source: the report line
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Genuine pairs: (\\d+) \\(mean score ([-0-9.]+)\\)\\. Impostor pairs: (\\d+) \\(mean ([-0-9.]+)\\)")
                .matcher(report);
        assertTrue(m.find(), "summary line in the report");
        assertTrue(Double.parseDouble(m.group(2)) > Double.parseDouble(m.group(4)) + 0.3,
                "genuine mean " + m.group(2) + " well above impostor mean " + m.group(4));
    }

    @Test
    void refusesBadArguments(@TempDir Path tmp) throws IOException {
        CommandLine cli = new CommandLine(new FaceTrustCommand());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(2, cli.execute("evaluate", "--images", tmp.resolve("missing").toString()));
        Files.writeString(tmp.resolve("bad-pairs.txt"), "10 300\nA 1\n");
        Files.createDirectories(tmp.resolve("imgs/a"));
        Files.copy(Files.list(deepface.resolve("id0")).sorted().findFirst().orElseThrow(),
                tmp.resolve("imgs/a/a_0001.jpg"));
        assertEquals(2, cli.execute("evaluate", "--images", tmp.resolve("imgs").toString(), "--pairs",
                tmp.resolve("bad-pairs.txt").toString(), "--no-cache"));
        assertEquals(2, cli.execute("evaluate", "--images", tmp.resolve("imgs").toString(), "--enrol-images", "3"));
    }
}
