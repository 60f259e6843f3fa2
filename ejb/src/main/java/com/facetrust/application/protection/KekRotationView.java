package com.facetrust.application.protection;

import com.facetrust.domain.keys.KekRotationRun;

import java.time.Instant;

/** A KEK rotation run as the API shows it: progress counts and outcome, never key material. */
public record KekRotationView(long id, int targetVersion, String state, String trigger, String startedBy,
                              Instant startedAt, Instant finishedAt, long total, long processed, long rewrapped,
                              long alreadyCurrent, long vanished, long integrityFailures, String retiredVersions,
                              String failure) {

    static KekRotationView of(KekRotationRun r) {
        return new KekRotationView(r.id(), r.targetVersion(), r.state().name(), r.trigger(), r.startedBy(),
                r.startedAt(), r.finishedAt(), r.total(), r.processed(), r.rewrapped(), r.alreadyCurrent(),
                r.vanished(), r.integrityFailures(), r.retiredVersions(), r.failure());
    }
}
