package com.facetrust.application.liveness;

import com.facetrust.domain.challenge.IssuedChallenge;
import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.ChallengeStore;
import com.facetrust.domain.liveness.LightColour;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.infrastructure.liveness.ChallengeDraw;
import com.facetrust.infrastructure.liveness.InMemoryChallengeStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The challenge store of a cluster ({@code facetrust.liveness.challenge.store=database}): open challenges are rows
 * of the identity store's {@code issued_challenge}, so the node that judges a submission need not be the node that
 * issued its challenge (no sticky sessions). Single use across nodes (A-4 b): redeeming deletes the row, and only the
 * transaction whose DELETE removed it gets the challenge — a concurrent redemption on another node deletes nothing
 * and is answered CHALLENGE_UNKNOWN (FT-6003), like a replay. Only the nonce's SHA-256 is stored. Expired rows are
 * purged whenever a challenge is issued, so the table holds about one lifetime's worth of challenges (30 s by
 * default); the in-memory store's {@code capacity} does not apply. Each call is its own short transaction.
 */
@Stateless
@LocalBean
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DatabaseChallengeStore implements ChallengeStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @Inject
    Config config;

    @Resource
    SessionContext context;

    private ChallengeDraw draw;

    @PostConstruct
    void init() {
        InMemoryChallengeStore.Config settings = LivenessEngineService.challengeSettings(config);
        draw = new ChallengeDraw(settings.lifetime(), settings.colourStep(), RANDOM);
    }

    @Override
    public LivenessChallenge issueActive(int actionCount, Instant now) {
        return store(draw.active(actionCount, now));
    }

    @Override
    public LivenessChallenge issueLight(int colourCount, Instant now) {
        return store(draw.light(colourCount, now));
    }

    /**
     * Takes the challenge out of the store in a transaction of its own, and only then checks its deadline: an expired
     * challenge is used up too (FT-6004 once, then FT-6003, as in memory) — a failure thrown inside the transaction
     * would roll the deletion back.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LivenessChallenge redeem(String nonce, Instant now) {
        return ChallengeStore.redeemed(nonce == null ? null
                : context.getBusinessObject(DatabaseChallengeStore.class).take(nonce), now);
    }

    /** Deletes the challenge's row and returns it; null when there is none or another node deleted it first. */
    public LivenessChallenge take(String nonce) {
        IssuedChallenge row = identity.find(IssuedChallenge.class, hash(nonce));
        // Whoever deletes the row owns the challenge; a redemption racing on another node deletes nothing.
        if (row == null || identity.createQuery("DELETE FROM IssuedChallenge c WHERE c.nonceHash = :h")
                .setParameter("h", row.nonceHash()).executeUpdate() != 1) {
            return null;
        }
        return challengeOf(nonce, row);
    }

    private LivenessChallenge store(LivenessChallenge c) {
        identity.createQuery("DELETE FROM IssuedChallenge c WHERE c.expiresAt < :now")
                .setParameter("now", c.issuedAt()).executeUpdate();
        identity.persist(rowOf(c));
        return c;
    }

    static IssuedChallenge rowOf(LivenessChallenge c) {
        return new IssuedChallenge(hash(c.nonce()), c.kind().name(),
                c.actions().isEmpty() ? null : c.actions().stream().map(Enum::name).collect(Collectors.joining(",")),
                c.colours().isEmpty() ? null : c.colours().stream()
                        .map(l -> l.red() + " " + l.green() + " " + l.blue()).collect(Collectors.joining(",")),
                c.colourStep() == null ? null : c.colourStep().toMillis(), c.issuedAt(), c.expiresAt());
    }

    static LivenessChallenge challengeOf(String nonce, IssuedChallenge row) {
        List<ChallengeAction> actions = row.actions() == null ? List.of()
                : Arrays.stream(row.actions().split(",")).map(ChallengeAction::valueOf).toList();
        List<LightColour> colours = row.colours() == null ? List.of() : Arrays.stream(row.colours().split(","))
                .map(t -> t.split(" "))
                .map(t -> new LightColour(Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2])))
                .toList();
        return new LivenessChallenge(nonce, LivenessCheckKind.valueOf(row.kind()), actions, colours,
                row.colourStepMillis() == null ? null : Duration.ofMillis(row.colourStepMillis()), row.issuedAt(),
                row.expiresAt());
    }

    /** The row key of a nonce: its SHA-256, hex. */
    public static String hash(String nonce) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
