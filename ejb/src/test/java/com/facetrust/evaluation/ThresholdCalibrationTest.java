package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdCalibrationTest {

    private static VerificationScores ladder() {
        float[] imp = new float[10_000];
        for (int i = 0; i < imp.length; i++) {
            imp[i] = i / 10_000f;
        }
        return new VerificationScores(new float[] {0.5f, 0.9995f, 1f, 1f}, imp);
    }

    @Test
    void pointAndConservativeThresholds() {
        ThresholdCalibration.Calibrated c = ThresholdCalibration.calibrate(ladder(), 1e-3);
        assertEquals(10, c.pointFalseAccepts(), "observed FAR exactly 1e-3");
        assertEquals(0.9989, c.point(), 1e-6);
        // CP upper bound: 3/10 000 → 8.8e-4 ≤ 1e-3, 4/10 000 → 1.02e-3 > 1e-3
        assertEquals(3, c.conservativeFalseAccepts());
        assertEquals(0.9996, c.conservative(), 1e-6);
        assertTrue(c.boundReached());
        assertTrue(c.conservativeFarBound() <= 1e-3);
    }

    @Test
    void boundNotReachableWithTooFewImpostors() {
        ThresholdCalibration.Calibrated c = ThresholdCalibration.calibrate(ladder(), 1e-5);
        assertFalse(c.boundReached(), "0 of 10 000 still allows FAR up to 3.7e-4");
        assertEquals(0, c.conservativeFalseAccepts());
        assertEquals(0, c.pointFalseAccepts());
    }

    @Test
    void writesAReadablePropertiesFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("t.properties");
        ThresholdCalibration.write(f, "synthetic", "test-engine", ladder(), 1e-3, 1e-4);
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        assertEquals("0.9989", p.getProperty("threshold.far1e-3.point"));
        assertEquals("0.9996", p.getProperty("threshold.far1e-3.conservative"));
        assertEquals("0.2500", p.getProperty("threshold.far1e-3.frr-at-point"));
        assertEquals("10000", p.getProperty("calibration.impostor-pairs"));
    }
}
