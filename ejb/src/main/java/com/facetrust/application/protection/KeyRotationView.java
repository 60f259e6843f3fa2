package com.facetrust.application.protection;

import com.facetrust.domain.keys.KeyRotationRun;

import java.time.Instant;

/** A rotation run as the API shows it: progress counts and outcome, never key material. */
public record KeyRotationView(long id, String domain, int targetVersion, String state, String trigger,
                              String startedBy, Instant startedAt, Instant finishedAt, long total, long processed,
                              long reissued, long alreadyCurrent, long shredded, long integrityFailures,
                              String destroyedVersions, String failure) {

    static KeyRotationView of(KeyRotationRun r) {
        return new KeyRotationView(r.id(), r.domain(), r.targetVersion(), r.state().name(), r.trigger(),
                r.startedBy(), r.startedAt(), r.finishedAt(), r.total(), r.processed(), r.reissued(),
                r.alreadyCurrent(), r.shredded(), r.integrityFailures(), r.destroyedVersions(), r.failure());
    }
}
