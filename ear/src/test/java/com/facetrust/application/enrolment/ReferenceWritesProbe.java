package com.facetrust.application.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only observer of {@link ReferencesWriting} (in a lib/ jar of the test EAR so the EJB module's CDI sees it):
 * when armed for a UID it throws between the ledger's identity-store write and its biometric-store write — the
 * "failure between the two writes" of the XA test.
 */
@ApplicationScoped
public class ReferenceWritesProbe {
    private static final Map<String, Boolean> ARMED = new ConcurrentHashMap<>();
    private static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();

    public static void failBetweenWritesFor(String uid) {
        ARMED.put(uid, Boolean.TRUE);
    }

    public static Integer seen(String uid) {
        return SEEN.get(uid);
    }

    void onWriting(@Observes ReferencesWriting event) {
        SEEN.merge(event.uid(), event.references(), Integer::sum);
        if (ARMED.remove(event.uid()) != null) {
            throw new IllegalStateException("injected failure between the identity and the biometric write");
        }
    }
}
