package com.facetrust.interfaces.rest.liveness;

import com.facetrust.application.liveness.LivenessChallenges;
import com.facetrust.application.liveness.StandaloneLivenessCheck;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.recognition.LivenessRequirement;
import com.facetrust.interfaces.rest.RequestImages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Liveness under {@code /api/v1/liveness} (issue 6): challenges the client performs while capturing, and a
 * standalone check. Callers: internal applications with {@code verify}, {@code identify} or {@code enrol}, and data
 * operators; the EJBs check the same roles again. Answers carry a verdict, never a score (A-5.7.4 c).
 *
 * <p>{@code facetrust.liveness.max-request-bytes} [8388608]: a larger check body is refused with FT-3005 before it
 * is read (below Undertow's 10 MiB max-post-size, so the caller gets the code and not a dropped connection).
 */
@Path("/liveness")
@Tag(name = "liveness")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.ENROL, FaceTrustRoles.OPERATOR})
public class LivenessResource {

    @EJB
    LivenessChallenges challenges;

    @EJB
    StandaloneLivenessCheck standaloneCheck;

    @Inject
    @ConfigProperty(name = "facetrust.liveness.max-request-bytes", defaultValue = "8388608")
    long maxRequestBytes;

    /**
     * Body of {@code POST /liveness/challenges}.
     *
     * @param kind    {@code ACTIVE} (ordered actions, A-5.5.1) or {@code LIGHT} (colour sequence, A-5.5.2 b)
     * @param actions number of actions of an active challenge (1–6; default 2)
     * @param colours number of colours of a light challenge (2–64; default 6)
     */
    public record ChallengeRequest(String kind, Integer actions, Integer colours) {
    }

    /** One colour of a light challenge: show it full-screen for {@code durationMillis}, in order. */
    public record ColourStep(String hex, int red, int green, int blue, long durationMillis) {
    }

    /**
     * An issued challenge. Perform it within {@code expiresAt} and send the frames with {@code challengeNonce}
     * to a request whose liveness requirement is CHALLENGE. The nonce is single use.
     *
     * @param actions active challenge: the actions in the order to perform them (empty for LIGHT)
     * @param colours light challenge: the colours in the order to show them, starting when capture starts
     */
    public record IssuedChallenge(String nonce, String kind, List<ChallengeAction> actions, List<ColourStep> colours,
                                  Instant issuedAt, Instant expiresAt) {
    }

    /**
     * Answer of a standalone check that passed: the verdict and which check produced it. Anything else is a failure
     * with its code (FT-6001 attack, FT-6002 inconclusive, FT-6003/6004 nonce, FT-6005 actions, FT-6006 face).
     */
    public record CheckPassed(String verdict, String requirement, String check) {
    }

    @POST
    @Path("challenges")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a liveness challenge",
            description = "A single-use nonce with a deadline and either ordered actions to perform (ACTIVE, "
                    + "A-5.5.1) or colours to show full-screen while capturing (LIGHT, A-5.5.2 b). Send the captured "
                    + "frames with challengeNonce to a request whose liveness requirement is CHALLENGE.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChallengeRequest.class), examples = {
                    @ExampleObject(name = "active", summary = "Two random actions",
                            value = "{\"kind\": \"ACTIVE\", \"actions\": 2}"),
                    @ExampleObject(name = "light", summary = "Six colours of 0.5 s",
                            value = "{\"kind\": \"LIGHT\", \"colours\": 6}")}))
    @APIResponse(responseCode = "201", description = "The challenge", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedChallenge.class),
            examples = {
                    @ExampleObject(name = "active", value = "{\"nonce\": \"q1Vd0Jc3Yt7nq8m9QwE2Zg\", \"kind\": "
                            + "\"ACTIVE\", \"actions\": [\"TURN_LEFT\", \"BLINK\"], \"colours\": [], "
                            + "\"issuedAt\": \"2026-11-22T05:00:00Z\", \"expiresAt\": \"2026-11-22T05:00:30Z\"}"),
                    @ExampleObject(name = "light", value = "{\"nonce\": \"Hc9tq0aY1bVn2Jx8dKe5Rw\", \"kind\": "
                            + "\"LIGHT\", \"actions\": [], \"colours\": [{\"hex\": \"#ff0000\", \"red\": 255, "
                            + "\"green\": 0, \"blue\": 0, \"durationMillis\": 500}, {\"hex\": \"#00ffff\", "
                            + "\"red\": 0, \"green\": 255, \"blue\": 255, \"durationMillis\": 500}], "
                            + "\"issuedAt\": \"2026-11-22T05:00:00Z\", \"expiresAt\": \"2026-11-22T05:00:30Z\"}")}))
    @APIResponse(responseCode = "400", description = "FT-3003: unknown kind or count out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, example = "{\"code\": \"FT-3003\", "
                    + "\"message\": \"kind must be ACTIVE or LIGHT\", \"reasons\": [\"kind\"]}"))
    @APIResponse(responseCode = "401", description = "FT-3001: no valid bearer token")
    @APIResponse(responseCode = "403", description = "FT-3002: role not allowed (verify, identify, enrol, operator)")
    public Response issue(ChallengeRequest body) {
        if (body == null || body.kind() == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "body {\"kind\": \"ACTIVE\"|\"LIGHT\"} required",
                    List.of("kind"));
        }
        LivenessChallenge c = switch (body.kind().toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> {
                if (body.colours() != null) {
                    throw new FaceTrustException(FailureCode.BAD_REQUEST, "colours apply to LIGHT challenges",
                            List.of("colours"));
                }
                yield challenges.issue(LivenessCheckKind.ACTIVE_CHALLENGE, body.actions());
            }
            case "LIGHT" -> {
                if (body.actions() != null) {
                    throw new FaceTrustException(FailureCode.BAD_REQUEST, "actions apply to ACTIVE challenges",
                            List.of("actions"));
                }
                yield challenges.issue(LivenessCheckKind.LIGHT_RESPONSE, body.colours());
            }
            default -> throw new FaceTrustException(FailureCode.BAD_REQUEST, "kind must be ACTIVE or LIGHT",
                    List.of("kind"));
        };
        return Response.status(Response.Status.CREATED).entity(view(c)).build();
    }

    static IssuedChallenge view(LivenessChallenge c) {
        long step = c.colourStep() == null ? 0 : c.colourStep().toMillis();
        List<ColourStep> colours = c.colours().stream()
                .map(l -> new ColourStep(l.hex(), l.red(), l.green(), l.blue(), step)).toList();
        return new IssuedChallenge(c.nonce(), c.kind() == LivenessCheckKind.LIGHT_RESPONSE ? "LIGHT" : "ACTIVE",
                c.actions(), colours, c.issuedAt(), c.expiresAt());
    }

    /**
     * A standalone liveness check, channel-independent: body {@code {"requirement": "PASSIVE"|"MULTI_FRAME"|
     * "CHALLENGE", "image" | "frames": [{"image", "t"}], "challengeNonce"?, "depth"?}} (see
     * {@link LivenessEvidenceJson}). 200 with the verdict LIVE, or the failure.
     */
    @POST
    @Path("checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check liveness on its own",
            description = "Judges the evidence as the requirement asks, on the server (A-4 b): PASSIVE = the "
                    + "single-frame model on the first frame; MULTI_FRAME = a burst of frames with capture times "
                    + "(micro-motion, passive score over the burst); CHALLENGE = the frames of an issued challenge "
                    + "with its nonce (single use). An optional depth map is judged too. Useful before enrolment. "
                    + "Frames are never stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "passive", summary = "One frame",
                    value = "{\"requirement\": \"PASSIVE\", \"image\": \"/9j/4AAQSkZJRgABAQ...\"}"),
            @ExampleObject(name = "multi-frame", summary = "A burst of about 2 s at 15 fps (t in ms)",
                    value = "{\"requirement\": \"MULTI_FRAME\", \"frames\": [{\"image\": \"/9j/4AAQ...\", "
                            + "\"t\": 0}, {\"image\": \"/9j/4AAQ...\", \"t\": 67}, {\"image\": \"/9j/4AAQ...\", "
                            + "\"t\": 133}]}"),
            @ExampleObject(name = "challenge", summary = "The frames of an issued challenge",
                    value = "{\"requirement\": \"CHALLENGE\", \"challengeNonce\": \"q1Vd0Jc3Yt7nq8m9QwE2Zg\", "
                            + "\"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}, {\"image\": \"/9j/4AAQ...\", "
                            + "\"t\": 67}]}")}))
    @APIResponse(responseCode = "200", description = "LIVE", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckPassed.class),
            example = "{\"verdict\": \"LIVE\", \"requirement\": \"PASSIVE\", \"check\": \"PASSIVE_FRAME\"}"))
    @APIResponse(responseCode = "403", description = "FT-6001 presentation attack (ALARM), FT-6006 face changed "
            + "during the challenge (ALARM), or FT-3002 role not allowed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, example = "{\"code\": \"FT-6001\", \"message\": \"The "
                    + "presentation was judged an attack; the transaction was cancelled.\", \"reasons\": "
                    + "[\"passive.attackLike\"]}"))
    @APIResponse(responseCode = "409", description = "FT-6003: challenge nonce unknown or already used (ALARM)")
    @APIResponse(responseCode = "410", description = "FT-6004: challenge expired")
    @APIResponse(responseCode = "422", description = "FT-6002 inconclusive, FT-6005 actions not performed, "
            + "FT-2001 no face, FT-1004 corrupt image")
    @APIResponse(responseCode = "400", description = "FT-1000 no frame, FT-6007 evidence missing for the "
            + "requirement, FT-3003 malformed")
    @APIResponse(responseCode = "413", description = "FT-3005: body over facetrust.liveness.max-request-bytes")
    public CheckPassed check(InputStream body, @Context HttpHeaders headers) {
        byte[] raw = RequestImages.readBounded(body, headers.getLength(), maxRequestBytes);
        LivenessRequirement requirement;
        LivenessEvidence evidence;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(raw))) {
            JsonObject json = reader.readObject();
            requirement = requirement(json.get("requirement"));
            evidence = LivenessEvidenceJson.from(json);
        } catch (JsonException | IllegalStateException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected a JSON object {\"requirement\", "
                    + "\"image\" | \"frames\": [{\"image\", \"t\"}], \"challengeNonce\"?}");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        try {
            LivenessJudgement j = standaloneCheck.check(requirement, evidence);
            return new CheckPassed(j.verdict().name(), requirement.name(), j.kind().name());
        } finally {
            LivenessEvidenceJson.zero(evidence);
        }
    }

    private static LivenessRequirement requirement(JsonValue v) {
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "requirement must be PASSIVE, MULTI_FRAME or CHALLENGE", List.of("requirement"));
        }
        String name = ((jakarta.json.JsonString) v).getString().toUpperCase(Locale.ROOT);
        if (name.equals("NONE")) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "a check with requirement NONE checks nothing",
                    List.of("requirement"));
        }
        try {
            return LivenessRequirement.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "requirement must be PASSIVE, MULTI_FRAME or CHALLENGE", List.of("requirement"));
        }
    }
}
