package com.facetrust.infrastructure.face;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Cosine decision thresholds calibrated by the evaluation tool on celeba-dev and shipped as the class-path resource
 * {@code facetrust/calibrated-thresholds.properties} (docs/performance.md, "Calibrated thresholds"). Accept a
 * comparison when {@code score >= threshold}. {@code point} = observed FAR at or below the target on the
 * calibration set; {@code conservative} = the 95 % upper confidence bound of FAR at or below the target.
 */
public final class CalibratedThresholds {
    public static final String RESOURCE = "facetrust/calibrated-thresholds.properties";
    private final Properties values;

    private CalibratedThresholds(Properties values) {
        this.values = values;
    }

    /** The shipped calibration, or an empty one when the resource is absent. */
    public static CalibratedThresholds fromClasspath() {
        Properties p = new Properties();
        ClassLoader cl = CalibratedThresholds.class.getClassLoader();
        try (InputStream in = cl == null ? null : cl.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return new CalibratedThresholds(p);
    }

    /**
     * The threshold for a target false-accept rate such as 1e-3, 1e-4 or 1e-5; empty when that target was not
     * calibrated.
     */
    public Optional<Double> threshold(double targetFar, boolean conservative) {
        int exponent = (int) Math.round(Math.log10(targetFar));
        String key = String.format(Locale.ROOT, "threshold.far1e%d.%s", exponent,
                conservative ? "conservative" : "point");
        String v = values.getProperty(key);
        return v == null ? Optional.empty() : Optional.of(Double.parseDouble(v.trim()));
    }

    /**
     * Whether the calibration reached the conservative bound for this target (the evaluation tool writes
     * {@code threshold.far1e<k>.conservative.bound-not-reached} when too few impostor pairs allow the 95 % upper
     * bound to fall below the target; the conservative value is then only the highest threshold tried).
     */
    public boolean conservativeBoundReached(double targetFar) {
        int exponent = (int) Math.round(Math.log10(targetFar));
        String flag = values.getProperty(String.format(Locale.ROOT,
                "threshold.far1e%d.conservative.bound-not-reached", exponent));
        return threshold(targetFar, true).isPresent() && (flag == null || !flag.trim().startsWith("true"));
    }

    /** Name of the calibration data set, e.g. "celeba-dev". */
    public Optional<String> dataset() {
        return Optional.ofNullable(values.getProperty("calibration.dataset"));
    }
}
