package com.facetrust.application.policy;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.recognition.ChannelPolicy;
import com.facetrust.domain.recognition.LivenessRequirement;
import com.facetrust.infrastructure.face.CalibratedThresholds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The recognition channels of this deployment (A-4 f, D-6.3 e), built once from configuration:
 * {@code facetrust.recognition.channels} names them, and per channel {@code facetrust.recognition.channel.<name>.}
 * {@code target-far} (required), {@code liveness} (required: NONE, PASSIVE, MULTI_FRAME, CHALLENGE),
 * {@code step-up} [true] and an optional {@code threshold} override (a cosine).
 *
 * <p>The target FAR must be a calibrated power of ten (1e-3, 1e-4, 1e-5): it maps to the engine's calibrated cosine
 * threshold ({@link CalibratedThresholds}), the conservative one (95 % upper bound of FAR at or below the target)
 * where the calibration reached it, the point estimate otherwise. A FAR with no calibration (or not a power of ten)
 * is never rounded to a neighbour: the channel is kept as unusable with the reason, and using it answers
 * {@link FailureCode#CHANNEL_UNAVAILABLE}.
 */
public final class ChannelCatalogue {
    public static final String CHANNELS = "facetrust.recognition.channels";
    public static final String PREFIX = "facetrust.recognition.channel.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** How a channel's threshold was obtained. */
    public enum ThresholdSource { CONSERVATIVE, POINT, OVERRIDE }

    /** A configured channel: its policy when usable, otherwise why not. */
    public record Entry(String name, Double targetFar, LivenessRequirement liveness, boolean stepUp,
                        ChannelPolicy policy, ThresholdSource source, String problem) {
        public boolean usable() {
            return policy != null;
        }
    }

    private final Map<String, Entry> entries;

    private ChannelCatalogue(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Builds the catalogue.
     *
     * @param config      looks a configuration key up (MicroProfile Config in the server, a map in tests)
     * @param calibration the engine's shipped calibration
     */
    public static ChannelCatalogue from(Function<String, Optional<String>> config, CalibratedThresholds calibration) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String names = config.apply(CHANNELS).orElse("");
        for (String raw : names.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                entries.put(name, unusable(name, null, null, true,
                        "channel name must match " + NAME.pattern()));
                continue;
            }
            entries.put(name, entry(name, config, calibration));
        }
        return new ChannelCatalogue(entries);
    }

    private static Entry entry(String name, Function<String, Optional<String>> config,
                               CalibratedThresholds calibration) {
        String p = PREFIX + name + ".";
        Optional<String> farText = config.apply(p + "target-far").map(String::trim);
        Optional<String> livenessText = config.apply(p + "liveness").map(String::trim);
        String stepUpText = config.apply(p + "step-up").map(String::trim).orElse("true");
        Optional<String> overrideText = config.apply(p + "threshold").map(String::trim).filter(s -> !s.isEmpty());

        boolean stepUp;
        if (stepUpText.equalsIgnoreCase("true") || stepUpText.equalsIgnoreCase("false")) {
            stepUp = Boolean.parseBoolean(stepUpText);
        } else {
            return unusable(name, null, null, true, p + "step-up must be true or false, not '" + stepUpText + "'");
        }
        LivenessRequirement liveness;
        if (livenessText.isEmpty()) {
            return unusable(name, null, null, stepUp, p + "liveness is not configured");
        }
        try {
            liveness = LivenessRequirement.valueOf(livenessText.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unusable(name, null, null, stepUp, p + "liveness must be one of NONE, PASSIVE, MULTI_FRAME, "
                    + "CHALLENGE, not '" + livenessText.get() + "'");
        }
        if (farText.isEmpty()) {
            return unusable(name, null, liveness, stepUp, p + "target-far is not configured");
        }
        double far;
        try {
            far = Double.parseDouble(farText.get());
        } catch (NumberFormatException e) {
            return unusable(name, null, liveness, stepUp, p + "target-far is not a number: '" + farText.get() + "'");
        }
        if (!(far > 0 && far < 1)) {
            return unusable(name, far, liveness, stepUp, p + "target-far must be in (0, 1): " + far);
        }
        if (overrideText.isPresent()) {
            double threshold;
            try {
                threshold = Double.parseDouble(overrideText.get());
            } catch (NumberFormatException e) {
                return unusable(name, far, liveness, stepUp, p + "threshold is not a number: '"
                        + overrideText.get() + "'");
            }
            if (!(threshold > -1 && threshold < 1)) {
                return unusable(name, far, liveness, stepUp, p + "threshold must be a cosine in (-1, 1): "
                        + threshold);
            }
            return new Entry(name, far, liveness, stepUp, new ChannelPolicy(name, far, threshold, liveness, stepUp),
                    ThresholdSource.OVERRIDE, null);
        }
        double exponent = Math.log10(far);
        if (Math.abs(exponent - Math.rint(exponent)) > 1e-9) {
            return unusable(name, far, liveness, stepUp, "target FAR " + far + " is not a calibrated power of ten "
                    + "(1e-3, 1e-4, 1e-5); it is not rounded to one");
        }
        boolean conservative = calibration.conservativeBoundReached(far);
        Optional<Double> threshold = calibration.threshold(far, conservative);
        if (threshold.isEmpty()) {
            return unusable(name, far, liveness, stepUp, "target FAR " + far + " has no calibrated threshold in "
                    + CalibratedThresholds.RESOURCE);
        }
        return new Entry(name, far, liveness, stepUp,
                new ChannelPolicy(name, far, threshold.get(), liveness, stepUp),
                conservative ? ThresholdSource.CONSERVATIVE : ThresholdSource.POINT, null);
    }

    private static Entry unusable(String name, Double far, LivenessRequirement liveness, boolean stepUp,
                                  String problem) {
        return new Entry(name, far, liveness, stepUp, null, null, problem);
    }

    /** Every configured channel in configuration order, usable or not. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * The policy of a usable channel.
     *
     * @throws FaceTrustException CHANNEL_UNKNOWN for a name not configured, CHANNEL_UNAVAILABLE for a channel whose
     *                            configuration was refused at start
     */
    public ChannelPolicy channel(String name) {
        Entry e = name == null ? null : entries.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            // The name is echoed only when it looks like a channel name (never arbitrary caller input).
            String shown = name != null && NAME.matcher(name.trim().toLowerCase(Locale.ROOT)).matches()
                    ? " '" + name.trim() + "'" : "";
            throw new FaceTrustException(FailureCode.CHANNEL_UNKNOWN, "no such recognition channel" + shown,
                    List.of("channels:" + String.join(",", entries.keySet())));
        }
        if (!e.usable()) {
            throw new FaceTrustException(FailureCode.CHANNEL_UNAVAILABLE, "channel '" + e.name()
                    + "' is not usable: " + e.problem());
        }
        return e.policy();
    }
}
