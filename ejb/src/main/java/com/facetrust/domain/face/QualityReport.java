package com.facetrust.domain.face;

import java.util.List;
import java.util.Optional;

/** The quality judgement of one face: every check, and the profile they were judged under. */
public record QualityReport(String profile, List<QualityCheck> checks) {
    public QualityReport {
        checks = List.copyOf(checks);
    }

    /** True when no enforced check failed. */
    public boolean acceptable() {
        return checks.stream().noneMatch(QualityCheck::failsJudgement);
    }

    /** Every failed enforced check, so a client can tell the person what to fix. */
    public List<QualityCheck> failedChecks() {
        return checks.stream().filter(QualityCheck::failsJudgement).toList();
    }

    /** Machine-readable reasons (check names) of the failed enforced checks. */
    public List<String> failedReasons() {
        return failedChecks().stream().map(QualityCheck::name).toList();
    }

    public Optional<QualityCheck> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
