package com.facetrust.application.policy;

import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which attempt count applies when both a per-scope and the global key are set (A-5.7.5.1 e configuration). */
class PolicySettingsTest {

    private static ConfigValue value(String v, int ordinal) {
        return new ConfigValue() {
            public String getName() { return "k"; }
            public String getValue() { return v; }
            public String getRawValue() { return v; }
            public String getSourceName() { return "test"; }
            public int getSourceOrdinal() { return ordinal; }
        };
    }

    @Test
    void perScopeWinsAtTheSameLevelGlobalOverrideBeatsShippedPerScopeDefault() {
        // Both shipped in microprofile-config.properties (ordinal 100): the per-scope one applies.
        assertTrue(PolicySettings.moreSpecific(value("25", 100), value("5", 100)));
        // The operator raised the global with a system property (400): the shipped per-scope default yields.
        assertFalse(PolicySettings.moreSpecific(value("25", 100), value("1000", 400)));
        // The operator set the per-scope key as strongly: it applies.
        assertTrue(PolicySettings.moreSpecific(value("50", 400), value("1000", 400)));
        // Not set per scope: the global applies.
        assertFalse(PolicySettings.moreSpecific(value(null, 0), value("5", 100)));
        assertTrue(PolicySettings.moreSpecific(value("7", 100), value(null, 0)));
    }
}
