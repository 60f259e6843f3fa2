package com.facetrust.application.liveness;

import com.facetrust.infrastructure.liveness.ActiveChallengeConfig;
import com.facetrust.infrastructure.liveness.InMemoryChallengeStore;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every documented {@code facetrust.liveness.*} key is really read, with the record's default when absent. */
class RecordSettingsTest {

    /** A MicroProfile Config over a map, converting as the server's implicit converters do. */
    static Config configOf(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getOptionalValue")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String raw = values.get((String) args[0]);
                    Class<?> type = (Class<?>) args[1];
                    if (raw == null) {
                        return Optional.empty();
                    }
                    Object v = type == Integer.class ? Integer.valueOf(raw) : type == Long.class ? Long.valueOf(raw)
                            : type == Double.class ? Double.valueOf(raw) : type == Boolean.class ? Boolean.valueOf(raw)
                            : type == Duration.class ? Duration.parse(raw) : raw;
                    return Optional.of(v);
                });
    }

    @Test
    void kebabCaseOfComponentNames() {
        assertEquals("turn-degrees", RecordSettings.kebab("turnDegrees"));
        assertEquals("min-residual-millimetres", RecordSettings.kebab("minResidualMillimetres"));
        assertEquals("lifetime", RecordSettings.kebab("lifetime"));
    }

    @Test
    void readsSetKeysAndKeepsDefaultsForTheRest() {
        Config c = configOf(Map.of("facetrust.liveness.active.turn-degrees", "20",
                "facetrust.liveness.active.use-eye-model", "true",
                "facetrust.liveness.active.max-duration", "PT10S",
                "facetrust.liveness.challenge.lifetime", "PT5S"));
        ActiveChallengeConfig d = ActiveChallengeConfig.defaults();
        ActiveChallengeConfig a = RecordSettings.read(c, "facetrust.liveness.active", d);
        assertEquals(20.0, a.turnDegrees());
        assertEquals(true, a.useEyeModel());
        assertEquals(Duration.ofSeconds(10), a.maxDuration());
        assertEquals(d.nodDegrees(), a.nodDegrees());
        assertEquals(d.maxBlinkMillis(), a.maxBlinkMillis());
        InMemoryChallengeStore.Config s = LivenessEngineService.challengeSettings(c);
        assertEquals(Duration.ofSeconds(5), s.lifetime());
        assertEquals(InMemoryChallengeStore.Config.defaults().capacity(), s.capacity());
    }

    @Test
    void thePassiveThresholdAlsoDrivesTheBurstUnlessSetOnItsOwn() {
        var s = LivenessEngineService.settings(configOf(Map.of("facetrust.liveness.passive.threshold", "0.2")));
        assertEquals(0.2, s.passive().threshold());
        assertEquals(0.2, s.multiFrame().passiveThreshold());
        var own = LivenessEngineService.settings(configOf(Map.of("facetrust.liveness.passive.threshold", "0.2",
                "facetrust.liveness.multi-frame.passive-threshold", "0.3")));
        assertEquals(0.3, own.multiFrame().passiveThreshold());
    }
}
