package com.facetrust.application.policy;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.recognition.ChannelPolicy;
import com.facetrust.domain.recognition.LivenessRequirement;
import com.facetrust.infrastructure.face.CalibratedThresholds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels (A-4 f, D-6.3 e) from the shipped defaults (the EJB module's microprofile-config.properties) and the
 * shipped calibration (facetrust/calibrated-thresholds.properties, celeba-dev).
 */
class ChannelCatalogueTest {
    private static final CalibratedThresholds CALIBRATION = CalibratedThresholds.fromClasspath();

    private static Map<String, String> shippedDefaults() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            p.load(in);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static ChannelCatalogue catalogue(Map<String, String> config) {
        return ChannelCatalogue.from(k -> Optional.ofNullable(config.get(k)), CALIBRATION);
    }

    @Test
    void shippedDefaultsGiveTheFourDocumentedChannels() throws IOException {
        ChannelCatalogue c = catalogue(shippedDefaults());
        assertEquals(4, c.entries().size());
        assertTrue(c.entries().stream().allMatch(ChannelCatalogue.Entry::usable), c.entries().toString());

        ChannelPolicy counter = c.channel("counter");
        assertEquals(1e-3, counter.targetFar());
        assertEquals(LivenessRequirement.NONE, counter.liveness());
        assertFalse(counter.stepUpEnabled());
        ChannelPolicy kiosk = c.channel("kiosk");
        assertEquals(1e-4, kiosk.targetFar());
        assertEquals(LivenessRequirement.PASSIVE, kiosk.liveness());
        assertTrue(kiosk.stepUpEnabled());
        assertEquals(LivenessRequirement.CHALLENGE, c.channel("mobile").liveness());
        assertEquals(LivenessRequirement.MULTI_FRAME, c.channel("WEB").liveness(), "names are case-insensitive");
    }

    @Test
    void farMapsToTheConservativeThresholdWhereReachedThePointOtherwise() throws IOException {
        // The shipped calibration: 1e-3 conservative 0.3570, 1e-4 conservative 0.4392; at 1e-5 the conservative
        // bound was not reached with 294197 impostor pairs, so the point 0.4669 is used.
        assertTrue(CALIBRATION.conservativeBoundReached(1e-3));
        assertFalse(CALIBRATION.conservativeBoundReached(1e-5));
        Map<String, String> config = shippedDefaults();
        config.put(ChannelCatalogue.CHANNELS, "counter,kiosk,vault");
        config.put("facetrust.recognition.channel.vault.target-far", "1e-5");
        config.put("facetrust.recognition.channel.vault.liveness", "challenge");
        ChannelCatalogue c = catalogue(config);
        assertEquals(CALIBRATION.threshold(1e-3, true).orElseThrow(), c.channel("counter").threshold());
        assertEquals(0.3570, c.channel("counter").threshold(), 1e-12);
        assertEquals(0.4392, c.channel("kiosk").threshold(), 1e-12);
        assertEquals(0.4669, c.channel("vault").threshold(), 1e-12);
        assertEquals(ChannelCatalogue.ThresholdSource.POINT, c.entries().get(2).source());
        assertEquals(ChannelCatalogue.ThresholdSource.CONSERVATIVE, c.entries().get(0).source());
        assertTrue(c.channel("vault").stepUpEnabled(), "step-up defaults to true");
    }

    @Test
    void uncalibratedFarIsRefusedNotRounded() throws IOException {
        Map<String, String> config = shippedDefaults();
        config.put(ChannelCatalogue.CHANNELS, "counter,loose,odd,strict,nolive");
        config.put("facetrust.recognition.channel.loose.target-far", "1e-2");
        config.put("facetrust.recognition.channel.loose.liveness", "NONE");
        config.put("facetrust.recognition.channel.odd.target-far", "2e-4");
        config.put("facetrust.recognition.channel.odd.liveness", "PASSIVE");
        config.put("facetrust.recognition.channel.strict.target-far", "1e-6");
        config.put("facetrust.recognition.channel.strict.liveness", "PASSIVE");
        config.put("facetrust.recognition.channel.nolive.target-far", "1e-4");
        ChannelCatalogue c = catalogue(config);
        assertTrue(c.entries().get(0).usable());
        for (String name : new String[]{"loose", "odd", "strict", "nolive"}) {
            FaceTrustException e = assertThrows(FaceTrustException.class, () -> c.channel(name));
            assertEquals(FailureCode.CHANNEL_UNAVAILABLE, e.failureCode(), name);
        }
        assertTrue(c.entries().get(2).problem().contains("not a calibrated power of ten"));
        assertEquals(FailureCode.CHANNEL_UNKNOWN,
                assertThrows(FaceTrustException.class, () -> c.channel("atm")).failureCode());
    }

    @Test
    void thresholdOverrideAndBadValues() throws IOException {
        Map<String, String> config = shippedDefaults();
        config.put("facetrust.recognition.channel.kiosk.threshold", "0.5");
        config.put("facetrust.recognition.channel.web.liveness", "SOMETIMES");
        config.put("facetrust.recognition.channel.mobile.step-up", "maybe");
        ChannelCatalogue c = catalogue(config);
        assertEquals(0.5, c.channel("kiosk").threshold());
        assertEquals(ChannelCatalogue.ThresholdSource.OVERRIDE, c.entries().get(1).source());
        assertEquals(FailureCode.CHANNEL_UNAVAILABLE,
                assertThrows(FaceTrustException.class, () -> c.channel("web")).failureCode());
        assertEquals(FailureCode.CHANNEL_UNAVAILABLE,
                assertThrows(FaceTrustException.class, () -> c.channel("mobile")).failureCode());
    }
}
