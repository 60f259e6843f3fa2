package com.facetrust.application.liveness;

import static com.facetrust.application.liveness.LivenessTestImages.clip;
import static com.facetrust.application.liveness.LivenessTestImages.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.facetrust.application.enrolment.AdjustableClock;
import com.facetrust.application.enrolment.LifecycleTestSetup;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Challenges in the identity database ({@code facetrust.liveness.challenge.store=database}), the store a cluster
 * uses so that any node can judge a challenge another node issued: issued over REST, kept only as the nonce's
 * SHA-256, judged with real frames, single use (also when two redemptions race), expiry on the server's clock —
 * the same answers as the in-memory store gives in {@link LivenessWiringIT} (A-4 b, A-5.5.1).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, SharedChallengeStoreTestSetup.class})
class SharedChallengeStoreIT {

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = DeployedEar.withTestClasses(SharedChallengeStoreIT.class, LivenessApi.class,
                LivenessTestImages.class);
        DeployedEar.addBeanLibrary(ear, "facetrust-challenge-test.jar", AdjustableClock.class);
        return ear;
    }

    @EJB
    DatabaseChallengeStore store;

    private LivenessApi api;
    private String app;

    @BeforeEach
    void setUp() {
        api = new LivenessApi();
        app = api.appToken();
        AdjustableClock.reset();
    }

    @AfterEach
    void resetClock() {
        AdjustableClock.reset();
    }

    @Test
    void aChallengeIssuedOverRestIsARowKeyedByTheNoncesHashAndIsGoneAfterUse() throws Exception {
        String nonce = api.challenge(app, "{\"kind\":\"ACTIVE\",\"actions\":1}").json().getString("nonce");
        assertEquals(1, rows("SELECT COUNT(*) FROM issued_challenge WHERE nonce_hash = ?",
                DatabaseChallengeStore.hash(nonce)));
        assertEquals(0, rows("SELECT COUNT(*) FROM issued_challenge WHERE nonce_hash = ?", nonce), "never in clear");

        List<byte[]> still = Collections.nCopies(20, read("pad/samples/live.jpg"));
        assertCode(api.check(app, "CHALLENGE", still, nonce), 403, "FT-6001");
        assertEquals(0, rows("SELECT COUNT(*) FROM issued_challenge WHERE nonce_hash = ?",
                DatabaseChallengeStore.hash(nonce)));
        assertCode(api.check(app, "CHALLENGE", still, nonce), 409, "FT-6003");
    }

    @Test
    void anExpiredChallengeIsRefusedOnceAndThenUnknown() {
        List<byte[]> still = Collections.nCopies(20, read("pad/samples/live.jpg"));
        String nonce = api.challenge(app, "{\"kind\":\"LIGHT\"}").json().getString("nonce");
        AdjustableClock.advance(Duration.ofSeconds(31));
        assertCode(api.check(app, "CHALLENGE", still, nonce), 410, "FT-6004");
        AdjustableClock.reset();
        assertCode(api.check(app, "CHALLENGE", still, nonce), 409, "FT-6003");
    }

    /** lp-d9's first 3 s contain a blink: asked for one, the live clip passes with the challenge kept in the DB. */
    @Test
    void aLiveClipPerformingItsChallengePasses() {
        String nonce = api.challengeAskingFor(app, "BLINK");
        LivenessApi.Answer live = api.check(app, "CHALLENGE", clip("video/live/lp-d9", 45), nonce);
        assertEquals(200, live.status(), live.toString());
        assertEquals("LIVE", live.json().getString("verdict"));
    }

    /** Two nodes redeeming the same nonce at once (here: two threads, two transactions): exactly one gets it. */
    @Test
    void racingRedemptionsGiveTheChallengeToExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                LivenessChallenge issued = store.issueActive(2, Instant.now());
                CountDownLatch start = new CountDownLatch(1);
                Callable<LivenessChallenge> redeem = () -> {
                    start.await();
                    try {
                        return store.redeem(issued.nonce(), Instant.now());
                    } catch (FaceTrustException e) {
                        assertEquals("FT-6003", e.failureCode().code());
                        return null;
                    }
                };
                List<Future<LivenessChallenge>> both = new ArrayList<>(List.of(pool.submit(redeem),
                        pool.submit(redeem)));
                start.countDown();
                LivenessChallenge first = both.get(0).get();
                LivenessChallenge second = both.get(1).get();
                assertEquals(1, (first == null ? 0 : 1) + (second == null ? 0 : 1), "round " + round);
                LivenessChallenge won = first != null ? first : second;
                assertEquals(issued.actions(), won.actions(), "the same challenge comes back");
                assertNull(store.take(issued.nonce()), "and it is gone");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long rows(String sql, String parameter) throws Exception {
        DataSource ds = (DataSource) new InitialContext().lookup("java:jboss/datasources/IdentityDS");
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void assertCode(LivenessApi.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(code, answer.code(), answer.toString());
    }
}
