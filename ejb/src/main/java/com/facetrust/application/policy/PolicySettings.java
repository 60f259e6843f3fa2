package com.facetrust.application.policy;

import com.facetrust.infrastructure.face.CalibratedThresholds;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import com.facetrust.domain.policy.AttemptScope;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recognition policy's configuration, read once at start from MicroProfile Config (defaults in the EJB
 * module's {@code META-INF/microprofile-config.properties}, documented in docs/operations.md): the channels
 * (A-4 f, D-6.3 e), the attempt limits (A-5.7.5.1 e) and the risk settings (D-8.1.4 c/d). A channel whose target
 * FAR has no calibration is logged at SEVERE and kept unusable; a malformed limit or risk value fails the
 * deployment with the key named, rather than running with a guess.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PolicySettings {
    private static final Logger LOG = Logger.getLogger("com.facetrust.policy");

    private volatile ChannelCatalogue channels;
    private volatile Map<AttemptScope, AttemptLimits> limits;
    private volatile RiskSettings risk;
    private volatile Duration counterRetention;
    private volatile Duration knownDeviceRetention;

    @PostConstruct
    void load() {
        Config config = ConfigProvider.getConfig(PolicySettings.class.getClassLoader());
        CalibratedThresholds calibration = CalibratedThresholds.fromClasspath();
        channels = ChannelCatalogue.from(key -> config.getOptionalValue(key, String.class), calibration);
        for (ChannelCatalogue.Entry e : channels.entries()) {
            if (e.usable()) {
                LOG.info(() -> "Recognition channel " + e.name() + ": target FAR " + e.targetFar()
                        + ", threshold " + e.policy().threshold() + " (" + e.source().name().toLowerCase()
                        + "), liveness " + e.liveness() + ", step-up " + e.stepUp());
            } else {
                LOG.log(Level.SEVERE, "Recognition channel " + e.name() + " is UNUSABLE (requests answer FT-5106): "
                        + e.problem());
            }
        }
        Map<AttemptScope, AttemptLimits> byScope = new EnumMap<>(AttemptScope.class);
        for (AttemptScope scope : AttemptScope.values()) {
            // Per-scope counts override the global ones (facetrust.attempts.<scope>.delay-after / .block-after).
            String prefix = "facetrust.attempts." + scope.name().toLowerCase(Locale.ROOT) + ".";
            byScope.put(scope, new AttemptLimits(
                    intValue(config, prefix + "delay-after", "facetrust.attempts.delay-after"),
                    duration(config, "facetrust.attempts.base-delay"),
                    intValue(config, prefix + "block-after", "facetrust.attempts.block-after"),
                    duration(config, "facetrust.attempts.block-duration"),
                    duration(config, "facetrust.attempts.window"),
                    intValue(config, "facetrust.attempts.attack-weight")));
        }
        limits = Collections.unmodifiableMap(byScope);
        risk = new RiskSettings(
                Arrays.stream(required(config, "facetrust.risk.usual-networks").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(s -> parse("facetrust.risk.usual-networks",
                                s)).toList(),
                window(config),
                intValue(config, "facetrust.risk.failure-signal"),
                intValue(config, "facetrust.risk.step-up-at"));
        counterRetention = duration(config, "facetrust.attempts.retention");
        knownDeviceRetention = duration(config, "facetrust.risk.known-device-retention");
        LOG.info(() -> "Attempt limits " + limits + "; risk " + risk.usualNetworks() + " "
                + risk.usualHours().pattern() + " " + risk.usualHours().zone());
    }

    /** Settings made in code, for unit tests of the beans that use them. */
    static PolicySettings of(ChannelCatalogue channels, Map<AttemptScope, AttemptLimits> limits, RiskSettings risk) {
        PolicySettings settings = new PolicySettings();
        settings.channels = channels;
        settings.limits = Map.copyOf(limits);
        settings.risk = risk;
        return settings;
    }

    public ChannelCatalogue channels() { return channels; }
    /** The limits of one scope (the counts may differ per scope; delays, block length and window do not). */
    public AttemptLimits limits(AttemptScope scope) { return limits.get(scope); }
    public RiskSettings risk() { return risk; }
    public Duration counterRetention() { return counterRetention; }
    public Duration knownDeviceRetention() { return knownDeviceRetention; }

    private static String required(Config config, String key) {
        return config.getOptionalValue(key, String.class)
                .orElseThrow(() -> new IllegalStateException("Configuration " + key + " is missing"));
    }

    private static int intValue(Config config, String key, String fallbackKey) {
        return intValue(config, moreSpecific(config.getConfigValue(key), config.getConfigValue(fallbackKey))
                ? key : fallbackKey);
    }

    /**
     * Whether a per-scope value applies rather than the global one: when it is set in a source at least as strong
     * as the global's. So a deployment that overrides {@code facetrust.attempts.delay-after} with a system property
     * or environment variable is not undercut by the per-scope defaults shipped in microprofile-config.properties.
     */
    static boolean moreSpecific(ConfigValue perScope, ConfigValue global) {
        return perScope.getValue() != null
                && (global.getValue() == null || perScope.getSourceOrdinal() >= global.getSourceOrdinal());
    }

    private static int intValue(Config config, String key) {
        String v = required(config, key).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Configuration " + key + " is not an integer: " + v);
        }
    }

    private static Duration duration(Config config, String key) {
        String v = required(config, key).trim();
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Configuration " + key + " is not an ISO-8601 duration (PT2S): " + v);
        }
    }

    private static AddressRange parse(String key, String cidr) {
        try {
            return AddressRange.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Configuration " + key + ": " + e.getMessage());
        }
    }

    private static DailyWindow window(Config config) {
        try {
            return DailyWindow.parse(required(config, "facetrust.risk.usual-hours"),
                    required(config, "facetrust.risk.zone"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Configuration facetrust.risk.usual-hours/zone: " + e.getMessage());
        }
    }

}
