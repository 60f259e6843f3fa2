package com.facetrust.application.policy;

import java.util.List;
import java.util.Objects;

/**
 * Risk-based step-up (D-8.1.4 c/d), from MicroProfile Config: {@code facetrust.risk.usual-networks} (CIDR list),
 * {@code facetrust.risk.usual-hours} in {@code facetrust.risk.zone}, {@code facetrust.risk.failure-signal} (recent
 * failures of the subject within the attempt window that count as a signal) and {@code facetrust.risk.step-up-at}
 * (signals that make a step-up channel ask for the second factor).
 */
public record RiskSettings(List<AddressRange> usualNetworks, DailyWindow usualHours, int failureSignal,
                           int stepUpAt) {
    public RiskSettings {
        usualNetworks = List.copyOf(usualNetworks);
        Objects.requireNonNull(usualHours, "usualHours");
        if (failureSignal < 1 || stepUpAt < 1) {
            throw new IllegalArgumentException("failure-signal and step-up-at must be at least 1");
        }
    }

    public boolean usualAddress(String address) {
        return usualNetworks.stream().anyMatch(r -> r.contains(address));
    }
}
