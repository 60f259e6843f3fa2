package com.facetrust.application.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only observer of {@link KekRewrapBatchDone}, deployed in the test EAR's lib/: when armed, it holds the
 * rotation after its first committed batch (the new KEK is current, the old one still in the keystore) until the
 * test has done what must happen during a rotation — an enrolment, a verification, a second start — then lets it
 * finish. Never holds longer than a minute, so a failing test cannot hang the rotation thread.
 */
@ApplicationScoped
public class KekRotationProbe {
    private static volatile CountDownLatch reached = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(0);

    /** The next rotation batch will wait for {@link #release()}. */
    public static void arm() {
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Waits until a rotation is held mid-way; false on timeout. */
    public static boolean awaitHeld(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    public static void release() {
        release.countDown();
    }

    void onBatch(@Observes KekRewrapBatchDone batch) throws InterruptedException {
        CountDownLatch holding = release;
        if (holding.getCount() > 0 && reached.getCount() > 0) {
            reached.countDown();
            holding.await(60, TimeUnit.SECONDS);
        }
    }
}
