package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.recognition.RecognitionAnswer;
import com.facetrust.application.recognition.RecognitionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.interfaces.rest.FaceTrustApiApplication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/**
 * Verify 1:1 (A-5.7.1, D-5.3.2): {@code POST /api/v1/verifications} with the claimed UID and a live sample;
 * MATCH / NO_MATCH (also for an unknown subject, A-5.7.5.3 a) or STEP_UP_REQUIRED. Callers: client role
 * {@code verify}, realm role {@code operator}.
 */
@Path("/verifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.OPERATOR})
@Tag(name = "Recognition", description = "1:1 verification, 1:N identification and ID photo vs live face: decisions "
        + "and codes, never scores (A-5.7.4 c), signed as a compact JWS (A-5.7.4 a)")
// Both forms (JSON and multipart) answer alike: the responses are declared once, for every operation of the class.
@APIResponse(responseCode = "200", description = "A decision (no score), signed in jws",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = RecognitionAnswer.class), examples = {
        @ExampleObject(name = "MATCH", value = RecognitionExamples.MATCH),
        @ExampleObject(name = "NO_MATCH", value = RecognitionExamples.NO_MATCH),
        @ExampleObject(name = "STEP_UP_REQUIRED", value = RecognitionExamples.STEP_UP)}))
@APIResponse(responseCode = "401", ref = FaceTrustApiApplication.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = FaceTrustApiApplication.RECOGNITION_FORBIDDEN)
@APIResponse(responseCode = "413", ref = FaceTrustApiApplication.BODY_TOO_LARGE)
@APIResponse(responseCode = "422", ref = FaceTrustApiApplication.SAMPLE_UNUSABLE)
@APIResponse(responseCode = "429", ref = FaceTrustApiApplication.TOO_MANY_ATTEMPTS)
@APIResponse(responseCode = "504", ref = FaceTrustApiApplication.ENGINE_TIMEOUT)
public class VerificationResource {

    @EJB
    RecognitionService recognition;

    @Inject
    RecognitionCalls calls;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a live sample against the claimed subject (1:1)",
            description = "Admission (blocklists, attempt limits, risk step-up), liveness as the channel requires, "
            + "quality, comparison with the subject's integrity-checked protected references at the channel "
            + "threshold. An unknown, deleted or non-consenting subject is answered NO_MATCH like a non-match."
            + " With STEP_UP_REQUIRED, repeat with oneTimeCode. The answer is a decision and a code, never a "
            + "score; jws is the same fields signed (ES256, keys at /api/v1/decisions/keys).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "image", value = RecognitionExamples.VERIFY_JSON),
            @ExampleObject(name = "frames", value = RecognitionExamples.VERIFY_FRAMES_JSON),
            @ExampleObject(name = "step-up", value = RecognitionExamples.VERIFY_STEP_UP_JSON)}))
    public RecognitionAnswer json(InputStream body, @Context HttpHeaders headers,
                                  @Parameter(description = "The capture device, for attempt limits per device")
                                  @HeaderParam(RecognitionCalls.DEVICE_HEADER) String device) {
        return recognition.verify(calls.json(body, headers), calls.origin(headers, security));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Verify a live sample against the claimed subject (1:1) (multipart)", description = "The same as the JSON form, as multipart/form-data "
            + "parts: uid, channel, image, frame + t (repeated), challengeNonce, oneTimeCode, deviceStatus.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "multipart",
            value = RecognitionExamples.VERIFY_MULTIPART)))
    public RecognitionAnswer multipart(InputStream body, @Context HttpHeaders headers,
                                       @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                       @Parameter(description = "The capture device, for attempt limits per device")
                                       @HeaderParam(RecognitionCalls.DEVICE_HEADER) String device) {
        return recognition.verify(calls.multipart(body, headers, contentType), calls.origin(headers, security));
    }
}
