package com.facetrust.application.protection;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only observer of {@link DomainKeyRotated}, deployed in the test EAR's lib/: records each event and whether
 * the retiring key versions still existed when it arrived (they must: a gallery reloads in its observer).
 */
@ApplicationScoped
public class RotationEventProbe {
    /** An event as seen, with the live versions at that moment. */
    public record Seen(DomainKeyRotated event, java.util.SortedSet<Integer> liveVersions) {
    }

    public static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @EJB
    TemplateProtectionService keys;

    void onRotated(@Observes DomainKeyRotated event) {
        SEEN.add(new Seen(event, new java.util.TreeSet<>(keys.keyStore().domainKeyVersions(event.domain()))));
    }
}
