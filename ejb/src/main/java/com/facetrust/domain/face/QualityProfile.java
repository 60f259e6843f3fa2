package com.facetrust.domain.face;

import java.util.Set;

/**
 * Thresholds the quality judgement uses (A-5.4, D-6.1.3, D-7.4) and which checks may refuse a sample. Every check
 * is always measured and reported; only those in {@code enforced} fail the judgement.
 *
 * <p>Three named profiles (docs/models.md "Quality profiles" explains the choice):
 * <ul>
 *   <li>{@link #capture()} — D-7.4's figures verbatim, for frames from a capture device FaceTrust controls
 *       (full image ≥ 640×480, interpupillary distance ≥ 60 px, pose within ±20°).</li>
 *   <li>{@link #enrolment()} — for enrolling from existing photographs: D-7.4's face-level criteria (pose, eyes,
 *       mouth, lighting, completeness, sharpness) but resolution judged on the face, not on the file, because
 *       D-7.4's 640×480 / 60 px are capture-device figures that a 150×150 passport-style crop cannot meet while
 *       still being a usable enrolment photo. This is the default.</li>
 *   <li>{@link #verification()} — for probes at verification time: only what makes a comparison meaningless
 *       (no usable face size, extreme pose, cut-off face, very dark/blurred) refuses; the rest is reported.</li>
 * </ul>
 */
public record QualityProfile(
        String name,
        int minImageWidth,
        int minImageHeight,
        double minInterpupillaryDistance,
        double maxYaw,
        double maxPitch,
        double maxRoll,
        double minSharpness,
        double minGreyRangeShare,
        double minBrightness,
        double maxBrightness,
        double maxUnevenLighting,
        double maxOverexposedShare,
        double maxUnderexposedShare,
        double minEyesOpen,
        double maxMouthOpen,
        double minCompleteness,
        double maxAlignmentResidual,
        double maxCompetingFaceRatio,
        double minDetectionScore,
        Set<String> enforced) {

    // Check names: stable identifiers used in QualityCheck.name() and in API error reasons.
    public static final String IMAGE_WIDTH = "image_width";
    public static final String IMAGE_HEIGHT = "image_height";
    public static final String INTERPUPILLARY_DISTANCE = "interpupillary_distance";
    public static final String YAW = "yaw";
    public static final String PITCH = "pitch";
    public static final String ROLL = "roll";
    public static final String SHARPNESS = "sharpness";
    public static final String GREY_RANGE_SHARE = "grey_85_200_share";
    public static final String BRIGHTNESS_LOW = "underexposed_brightness";
    public static final String BRIGHTNESS_HIGH = "overexposed_brightness";
    public static final String UNEVEN_LIGHTING = "uneven_lighting";
    public static final String OVEREXPOSED_SHARE = "overexposed_pixels";
    public static final String UNDEREXPOSED_SHARE = "underexposed_pixels";
    public static final String EYES_OPEN = "eyes_open";
    public static final String MOUTH_OPEN = "mouth_open";
    public static final String COMPLETENESS = "completeness";
    public static final String GEOMETRY = "geometric_distortion";
    public static final String SEVERAL_FACES = "several_faces";
    public static final String DETECTION_CONFIDENCE = "detection_confidence";

    public static final Set<String> ALL_CHECKS = Set.of(IMAGE_WIDTH, IMAGE_HEIGHT, INTERPUPILLARY_DISTANCE, YAW, PITCH,
            ROLL, SHARPNESS, GREY_RANGE_SHARE, BRIGHTNESS_LOW, BRIGHTNESS_HIGH, UNEVEN_LIGHTING, OVEREXPOSED_SHARE,
            UNDEREXPOSED_SHARE, EYES_OPEN, MOUTH_OPEN, COMPLETENESS, GEOMETRY, SEVERAL_FACES, DETECTION_CONFIDENCE);

    public QualityProfile {
        enforced = Set.copyOf(enforced);
        for (String e : enforced) {
            if (!ALL_CHECKS.contains(e)) {
                throw new IllegalArgumentException("unknown quality check: " + e);
            }
        }
    }

    public boolean isEnforced(String check) {
        return enforced.contains(check);
    }

    /** D-7.4 verbatim, for a capture device under FaceTrust's control. */
    public static QualityProfile capture() {
        return new QualityProfile("capture", 640, 480, 60, 20, 20, 20, 150, 0.5, 70, 200, 0.35, 0.05, 0.05,
                0.5, 0.35, 1.0, 0.10, 0.8, 0.9, ALL_CHECKS);
    }

    /**
     * Enrolment from photographs (the default): D-7.4's face criteria, resolution judged on the face. Thresholds
     * set from the measured distributions on deepface, bbt and celeba-dev and from degraded copies
     * (docs/models.md "Quality profiles"): e.g. sharpness 80 fails a Gaussian blur of σ = 0.04 × IPD on 59 of
     * 61 deepface images while passing 98 % of celeba-dev.
     */
    public static QualityProfile enrolment() {
        return new QualityProfile("enrolment", 100, 100, 24, 25, 25, 30, 80, 0.3, 50, 210, 0.45, 0.15, 0.2,
                0.3, 0.45, 0.9, 0.15, 0.8, 0.85,
                Set.of(IMAGE_WIDTH, IMAGE_HEIGHT, INTERPUPILLARY_DISTANCE, YAW, PITCH, ROLL, SHARPNESS, BRIGHTNESS_LOW,
                        BRIGHTNESS_HIGH, EYES_OPEN, COMPLETENESS, SEVERAL_FACES));
    }

    /** Verification probes: refuse only what makes a comparison meaningless. */
    public static QualityProfile verification() {
        return new QualityProfile("verification", 64, 64, 12, 45, 40, 90, 30, 0.2, 35, 225, 0.6, 0.3, 0.3,
                0.1, 0.6, 0.8, 0.25, 0.95, 0.7,
                Set.of(INTERPUPILLARY_DISTANCE, YAW, PITCH, COMPLETENESS, BRIGHTNESS_LOW, BRIGHTNESS_HIGH, SHARPNESS));
    }

    /**
     * ID-document photos compared with a live face (D-6.6 f): small, frontal by rule, printed and scanned or read from
     * a chip — so resolution and sharpness are judged leniently (a 35×45 mm photo scanned at 300 dpi has an
     * interpupillary distance of ≈ 70 px, a chip image ≈ 40 px, a phone shot of a card less; print-scan softens
     * edges), while pose is held tighter than for live probes because an ID photo that is not frontal is not a
     * proper ID photo (or not the main face on the document). docs/models.md "Quality profiles" has the measurement.
     */
    public static QualityProfile idDocument() {
        return new QualityProfile("id-document", 48, 48, 16, 20, 25, 20, 10, 0.2, 35, 235, 0.6, 0.3, 0.3,
                0.1, 0.6, 0.9, 0.25, 0.8, 0.7,
                Set.of(INTERPUPILLARY_DISTANCE, YAW, PITCH, ROLL, COMPLETENESS, BRIGHTNESS_LOW, BRIGHTNESS_HIGH,
                        SHARPNESS));
    }

    /** A profile by name: capture, enrolment, verification or id-document. */
    public static QualityProfile named(String name) {
        return switch (name) {
            case "capture" -> capture();
            case "enrolment", "enrollment" -> enrolment();
            case "verification" -> verification();
            case "id-document" -> idDocument();
            default -> throw new IllegalArgumentException("unknown quality profile: " + name);
        };
    }
}
