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
 * Identify 1:N: {@code POST /api/v1/identifications} with a live sample and optionally the gallery
 * (application domain); MATCH (with the UID only for {@code operator} or client role {@code identify-uid}) or
 * NO_MATCH with FT-5002 (no candidate is an answer). Callers: client role {@code identify}, realm role
 * {@code operator}.
 */
@Path("/identifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.IDENTIFY, FaceTrustRoles.OPERATOR})
@Tag(name = "Recognition", description = "1:1 verification, 1:N identification and ID photo vs live face: decisions "
        + "and codes, never scores (A-5.7.4 c), signed as a compact JWS (A-5.7.4 a)")
// Both forms (JSON and multipart) answer alike: the responses are declared once, for every operation of the class.
@APIResponse(responseCode = "200", description = "A decision (no score), signed in jws",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = RecognitionAnswer.class), examples = {
        @ExampleObject(name = "MATCH with uid (operator / identify-uid)", value = RecognitionExamples.IDENTIFIED),
        @ExampleObject(name = "no candidate", value = RecognitionExamples.NO_CANDIDATE)}))
@APIResponse(responseCode = "401", ref = FaceTrustApiApplication.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = FaceTrustApiApplication.RECOGNITION_FORBIDDEN)
@APIResponse(responseCode = "413", ref = FaceTrustApiApplication.BODY_TOO_LARGE)
@APIResponse(responseCode = "422", ref = FaceTrustApiApplication.SAMPLE_UNUSABLE)
@APIResponse(responseCode = "429", ref = FaceTrustApiApplication.TOO_MANY_ATTEMPTS)
@APIResponse(responseCode = "504", ref = FaceTrustApiApplication.ENGINE_TIMEOUT)
public class IdentificationResource {

    @EJB
    RecognitionService recognition;

    @Inject
    RecognitionCalls calls;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Identify a live sample in the gallery of a domain (1:N)",
            description = "Searches the in-memory gallery of protected templates of the domain (default: this "
            + "deployment's). MATCH when the best candidate reaches the channel threshold; the UID is returned"
            + " only to callers with realm role operator or client role identify-uid. No candidate: NO_MATCH "
            + "with code FT-5002. Never a score.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "image", value = RecognitionExamples.IDENTIFY_JSON)}))
    public RecognitionAnswer json(InputStream body, @Context HttpHeaders headers,
                                  @Parameter(description = "The capture device, for attempt limits per device")
                                  @HeaderParam(RecognitionCalls.DEVICE_HEADER) String device) {
        return recognition.identify(calls.json(body, headers), calls.origin(headers, security));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Identify a live sample in the gallery of a domain (1:N) (multipart)", description = "The same as the JSON form, as multipart/form-data "
            + "parts: channel, gallery, image, frame + t (repeated), challengeNonce, deviceStatus.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "multipart",
            value = RecognitionExamples.IDENTIFY_MULTIPART)))
    public RecognitionAnswer multipart(InputStream body, @Context HttpHeaders headers,
                                       @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                       @Parameter(description = "The capture device, for attempt limits per device")
                                       @HeaderParam(RecognitionCalls.DEVICE_HEADER) String device) {
        return recognition.identify(calls.multipart(body, headers, contentType), calls.origin(headers, security));
    }
}
