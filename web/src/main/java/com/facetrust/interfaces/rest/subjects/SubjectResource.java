package com.facetrust.interfaces.rest.subjects;

import com.facetrust.application.enrolment.ConsentGrant;
import com.facetrust.application.enrolment.EnrolmentSettings;
import com.facetrust.application.enrolment.FaceEnrolment;
import com.facetrust.application.enrolment.ReferenceLedger;
import com.facetrust.application.enrolment.ReferenceView;
import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.enrolment.SubjectView;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.interfaces.rest.RequestImages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;

/**
 * Subjects, consents, face references and deregistration under {@code /api/v1/subjects} (issue 4). Callers: data
 * operators (realm role {@code operator}) and internal applications with the client role {@code enrol}; the EJBs
 * behind check the same roles again.
 */
@Path("/subjects")
@Tag(name = "subjects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class SubjectResource {

    @EJB
    SubjectRegistry registry;

    @EJB
    FaceEnrolment enrolment;

    @EJB
    ReferenceLedger ledger;

    @EJB
    com.facetrust.application.enrolment.SubjectVerification verification;

    @Inject
    EnrolmentSettings settings;

    @EJB
    com.facetrust.application.enrolment.CredentialVerification credentials;

    @Inject
    com.facetrust.application.security.RequestOrigin requestOrigin;

    @Context
    UriInfo uriInfo;

    /**
     * Body of {@code POST /subjects}: the consents given (purpose + notice version shown), where, and optionally the
     * subject's name and contact (stored encrypted at field level).
     */
    public record NewSubject(List<ConsentGrant> consents, String channel, String name, String contact) {
    }

    /** Body of {@code POST /subjects/{uid}/consents}. */
    public record NewConsent(ConsentPurpose purpose, String noticeVersion, String channel) {
    }

    /** Body of a withdrawal or deregistration: where the subject asked. */
    public record ChannelOnly(String channel) {
    }

    /** Answer of an enrolment: the new references. */
    public record Enrolled(String uid, List<ReferenceView> references) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a subject with its consents", description = "The consents given (purpose + the notice version shown, A-7.1a) and where; optional name and contact are stored encrypted. 201 with the subject and its UID.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "consents", value = "{\"consents\": [{\"purpose\": \"PRIVACY_POLICY\", \"noticeVersion\": \"2026-11-01\"}, {\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\"}], \"channel\": \"counter\", \"name\": \"Ada Example\", \"contact\": \"ada@example.org\"}")}))
    @APIResponse(responseCode = "201", description = "The subject", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    @APIResponse(responseCode = "422", description = "FT-4007: the notice version is not the current one", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-4007\", \"message\": \"The consent names a notice version that is not the current notice for its purpose; show the current notice and ask again.\", \"reasons\": []}"))
    public Response register(NewSubject body) {
        if (body == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "body {consents, channel} required");
        }
        SubjectView subject = registry.register(body.consents(), body.channel(),
                new com.facetrust.application.enrolment.PersonalData(body.name(), body.contact()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(subject.uid()).build()).entity(subject).build();
    }

    @GET
    @Path("{uid}")
    @Operation(summary = "A subject with its consents")
    @APIResponse(responseCode = "200", description = "The subject", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    @APIResponse(responseCode = "404", description = "FT-4003: no such subject", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-4003\", \"message\": \"No subject with this UID is known.\", \"reasons\": []}"))
    public SubjectView find(@PathParam("uid") String uid) {
        return registry.find(uid);
    }

    @POST
    @Path("{uid}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a further consent")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "face identification", value = "{\"purpose\": \"FACE_IDENTIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"web\"}")}))
    @APIResponse(responseCode = "200", description = "The subject with the new consent", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    public SubjectView giveConsent(@PathParam("uid") String uid, NewConsent body) {
        if (body == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "body {purpose, noticeVersion, channel} required");
        }
        return registry.giveConsent(uid, new ConsentGrant(body.purpose(), body.noticeVersion()), body.channel());
    }

    @POST
    @Path("{uid}/consents/{purpose}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw a consent", description = "Withdrawing a face-processing consent schedules the deletion of the subject's face data.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "where", value = "{\"channel\": \"web\"}")}))
    @APIResponse(responseCode = "200", description = "The subject", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    public SubjectView withdrawConsent(@PathParam("uid") String uid, @PathParam("purpose") String purpose,
                                       ChannelOnly body) {
        ConsentPurpose p;
        try {
            p = ConsentPurpose.valueOf(purpose);
        } catch (IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no consent purpose " + purpose);
        }
        return registry.withdrawConsent(uid, p, body == null ? null : body.channel());
    }

    /** Deregistration: schedules deletion (202: the sweep deletes within the configured time, at most 15 days). */
    @DELETE
    @Path("{uid}")
    @Operation(summary = "Deregister (operator)", description = "Schedules the deletion of every record of the subject; 202, the sweep deletes within the configured time (at most 15 days).")
    @APIResponse(responseCode = "202", description = "Deletion scheduled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    public Response deregister(@PathParam("uid") String uid) {
        return Response.accepted(registry.deregister(uid)).build();
    }

    @GET
    @Path("{uid}/references")
    @Operation(summary = "The subject's face references (ids and metadata, never templates)")
    @APIResponse(responseCode = "200", description = "The references", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "[{\"referenceId\": \"8d2f6a1c-3b4e-4f5a-9c7d-1e2f3a4b5c6d\", \"protectionDomain\": \"default\", \"keyVersion\": 1, \"modelVersion\": \"fr_feature.onnx@sha256:87aacdfe57510db2\", \"createdAt\": \"2026-11-22T05:00:00Z\"}]"))
    public List<ReferenceView> references(@PathParam("uid") String uid) {
        return ledger.references(uid);
    }

    @DELETE
    @Path("{uid}/references/{referenceId}")
    @Operation(summary = "Remove one face reference")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "FT-4009: no such reference", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-4009\", \"message\": \"The subject has no face reference with this id.\", \"reasons\": []}"))
    public Response removeReference(@PathParam("uid") String uid, @PathParam("referenceId") String referenceId) {
        ledger.removeReference(uid, referenceId);
        return Response.noContent().build();
    }

    /** Body of a deregistration by the subject: a photo (base64) and a one-time code of its second factor. */
    public record VerifiedDeregistration(String image, String oneTimeCode) {
    }

    /** Sets up the subject's second factor (TOTP); the secret is shown once. */
    @POST
    @Path("{uid}/second-factor")
    @Operation(summary = "Set up the subject's second factor (TOTP)", description = "The secret is shown once, as an otpauth URI for an authenticator app.")
    public Response setUpSecondFactor(@PathParam("uid") String uid) {
        return Response.status(Response.Status.CREATED).entity(verification.setUpSecondFactor(uid)).build();
    }

    /**
     * Deregistration by the subject after two-factor verification (A-5.6.2, D-5.3.4): one-time code, then face.
     * 202 with the subject (deletion scheduled); 403 FT-4011 / FT-4012 when a factor fails.
     */
    @POST
    @Path("{uid}/deregistration")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deregistration by the subject, verified by two factors", description = "One-time code, then face (A-5.6.2, D-5.3.4). 202 with the subject; 403 FT-4011 / FT-4012 when a factor fails.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "two factors", value = "{\"image\": \"/9j/4AAQSkZJRgABAQ...\", \"oneTimeCode\": \"492039\"}")}))
    @APIResponse(responseCode = "202", description = "Deletion scheduled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"status\": \"ACTIVE\", \"name\": null, \"contact\": null, \"createdAt\": \"2026-11-22T05:00:00Z\", \"lastUsedAt\": null, \"deletionDueAt\": null, \"deletionGround\": null, \"consents\": [{\"purpose\": \"FACE_VERIFICATION\", \"noticeVersion\": \"2026-11-01\", \"channel\": \"counter\", \"givenAt\": \"2026-11-22T05:00:00Z\", \"withdrawnAt\": null, \"withdrawalChannel\": null, \"retainUntil\": \"2029-11-21T05:00:00Z\", \"effective\": true}]}"))
    @APIResponse(responseCode = "403", description = "FT-4011 wrong one-time code, FT-4012 face does not match", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-4012\", \"message\": \"The face presented does not match the subject's references; nothing was changed.\", \"reasons\": []}"))
    public Response deregisterVerified(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        byte[] raw = read(body, headers);
        String code = null;
        byte[] image = null;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(raw))) {
            jakarta.json.JsonObject json = reader.readObject();
            code = json.getString("oneTimeCode", null);
            String encoded = json.getString("image", null);
            image = encoded == null ? null : java.util.Base64.getMimeDecoder().decode(encoded);
        } catch (jakarta.json.JsonException | ClassCastException | IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected JSON {\"image\": \"<base64>\", "
                    + "\"oneTimeCode\": \"123456\"}");
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
        try {
            return Response.accepted(verification.deregisterVerified(uid, image, code)).build();
        } finally {
            if (image != null) {
                java.util.Arrays.fill(image, (byte) 0);
            }
        }
    }

    /**
     * Re-enrolment by the subject after two-factor verification (D-5.3.3, D-8.2.5c): body
     * {@code {"verificationImage": "<base64>", "oneTimeCode": "123456", "images": ["<base64>", ...]}}; the new images
     * replace every reference in one XA transaction. 201 with the new references. With
     * {@code facetrust.enrolment.liveness} MULTI_FRAME or CHALLENGE: {@code "liveness"} instead of
     * {@code verificationImage} (its first frame is the verification photo), {@code images} optional and tied to the
     * live face (issue 6).
     */
    @POST
    @Path("{uid}/re-enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-enrolment by the subject, verified by two factors", description = "The new images replace every reference in one XA transaction (D-5.3.3, D-8.2.5c). When facetrust.enrolment.liveness is MULTI_FRAME or CHALLENGE: send liveness evidence instead of verificationImage (its first frame is the verification photo; FT-6007 without it, FT-3003 with both); the images must show that live face (FT-6008) or may be left out (the evidence's best frame replaces the references).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "two factors and new images", value = "{\"verificationImage\": \"/9j/4AAQSkZJRgABAQ...\", \"oneTimeCode\": \"492039\", \"images\": [\"/9j/4AAQSkZJRgABAQ...\"]}"),
                    @ExampleObject(name = "with liveness evidence", summary = "MULTI_FRAME/CHALLENGE enrolment: the live frames verify the subject and are enrolled", value = "{\"oneTimeCode\": \"492039\", \"liveness\": {\"challengeNonce\": \"q1Vd0Jc3Yt7nq8m9QwE2Zg\", \"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}, {\"image\": \"/9j/4AAQ...\", \"t\": 67}]}}")}))
    @APIResponse(responseCode = "201", description = "The new references", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"references\": [{\"referenceId\": \"8d2f6a1c-3b4e-4f5a-9c7d-1e2f3a4b5c6d\", \"protectionDomain\": \"default\", \"keyVersion\": 1, \"modelVersion\": \"fr_feature.onnx@sha256:87aacdfe57510db2\", \"createdAt\": \"2026-11-22T05:00:00Z\"}]}"))
    public Response reEnrolVerified(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        byte[] raw = read(body, headers);
        byte[] copy = raw.clone();
        String code;
        byte[] probe;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(raw))) {
            jakarta.json.JsonObject json = reader.readObject();
            code = json.getString("oneTimeCode", null);
            String encoded = json.getString("verificationImage", null);
            probe = encoded == null ? null : java.util.Base64.getMimeDecoder().decode(encoded);
        } catch (jakarta.json.JsonException | ClassCastException | IllegalArgumentException e) {
            java.util.Arrays.fill(copy, (byte) 0);
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected JSON {\"verificationImage\": \"<base64>\", "
                    + "\"oneTimeCode\": \"123456\", \"images\": [\"<base64>\", ...]}");
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
        com.facetrust.domain.liveness.LivenessEvidence liveness = null;
        List<byte[]> images = List.of();
        try {
            if (settings.liveness() == com.facetrust.domain.recognition.LivenessRequirement.MULTI_FRAME
                    || settings.liveness() == com.facetrust.domain.recognition.LivenessRequirement.CHALLENGE) {
                liveness = livenessEvidence(copy);
            }
            images = EnrolmentImages.fromJson(copy); // zeroes copy
            FaceEnrolment.EnrolmentResult result = verification.reEnrolVerified(uid, probe, code, images, liveness);
            return Response.status(Response.Status.CREATED).entity(new Enrolled(result.uid(), result.references()))
                    .build();
        } finally {
            java.util.Arrays.fill(copy, (byte) 0);
            EnrolmentImages.zero(images);
            com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson.zero(liveness);
            if (probe != null) {
                java.util.Arrays.fill(probe, (byte) 0);
            }
        }
    }

    /** Answer of an integrity check: how many templates of the subject passed. */
    public record IntegrityChecked(String uid, int templatesChecked) {
    }

    /**
     * Opens every stored template of the subject and checks it still belongs to its row (D-8.2.4e, A-5.7.1c):
     * 200 when all pass, 409 FT-4501 (ALARM) naming the first row that was edited or moved, 410 FT-4502 when the
     * subject's key was destroyed.
     */
    @POST
    @Path("{uid}/references/integrity-check")
    @Operation(summary = "Check the integrity of the subject's stored templates")
    @APIResponse(responseCode = "200", description = "All passed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"templatesChecked\": 2}"))
    @APIResponse(responseCode = "409", description = "FT-4501: a template was edited or moved (ALARM)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-4501\", \"message\": \"A stored template failed its integrity check (edited, or moved to another subject, reference or domain); it was not used.\", \"reasons\": []}"))
    public IntegrityChecked checkIntegrity(@PathParam("uid") String uid) {
        return new IntegrityChecked(uid, ledger.checkTemplates(uid));
    }

    /**
     * Enrolment from {@code {"images": ["<base64>", ...]}}, with {@code "liveness": {"frames": [{"image", "t"}],
     * "challengeNonce"?}} when {@code facetrust.enrolment.liveness} is MULTI_FRAME or CHALLENGE (issue 6). With such
     * evidence every image must show the judged live face (FT-6008 otherwise), and {@code images} may be left out:
     * the best frame of the evidence is then enrolled. Without MULTI_FRAME/CHALLENGE a body without images is
     * FT-1000 as before, and a {@code liveness} member is ignored.
     */
    @POST
    @Path("{uid}/references")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enrol face references", description = "One reference per image, after consent (D-8.2.5a) and the enrolment quality profile; images are never stored. Three forms: JSON {images: [base64...]} (with liveness evidence when facetrust.enrolment.liveness is MULTI_FRAME or CHALLENGE), multipart/form-data with parts named image, or one raw image body. With MULTI_FRAME/CHALLENGE evidence every image must show the face whose liveness was judged (the evidence's first frame; FT-6008 otherwise), and the images may be left out: the evidence's best frame by the enrolment quality profile is then enrolled as one reference.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "images", value = "{\"images\": [\"/9j/4AAQSkZJRgABAQ...\", \"/9j/4AAQSkZJRgABAQ...\"]}"),
                    @ExampleObject(name = "images with liveness", summary = "When enrolment requires a challenge",
                            value = "{\"images\": [\"/9j/4AAQSkZJRgABAQ...\"], \"liveness\": {\"challengeNonce\": \"q1Vd0Jc3Yt7nq8m9QwE2Zg\", \"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}, {\"image\": \"/9j/4AAQ...\", \"t\": 67}]}}"),
                    @ExampleObject(name = "liveness evidence only", summary = "Enrol the best frame of a burst or challenge (MULTI_FRAME/CHALLENGE only)",
                            value = "{\"liveness\": {\"challengeNonce\": \"q1Vd0Jc3Yt7nq8m9QwE2Zg\", \"frames\": [{\"image\": \"/9j/4AAQ...\", \"t\": 0}, {\"image\": \"/9j/4AAQ...\", \"t\": 67}]}}")}),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, examples = {
                    @ExampleObject(name = "images", value = "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b--"),
                    @ExampleObject(name = "liveness evidence only", summary = "MULTI_FRAME/CHALLENGE enrolment: frame parts in capture order, frameTimes in ms, challengeNonce for a challenge; image parts optional",
                            value = "--b\r\nContent-Disposition: form-data; name=\"frame\"\r\nContent-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b\r\nContent-Disposition: form-data; name=\"frame\"\r\nContent-Type: image/jpeg\r\n\r\n<JPEG bytes>\r\n--b\r\nContent-Disposition: form-data; name=\"frameTimes\"\r\n\r\n0,67\r\n--b\r\nContent-Disposition: form-data; name=\"challengeNonce\"\r\n\r\nq1Vd0Jc3Yt7nq8m9QwE2Zg\r\n--b--")}),
            @Content(mediaType = "image/jpeg", example = "<JPEG bytes>")})
    @APIResponse(responseCode = "201", description = "The new references", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"uid\": \"5f0c1e6a9b8d4c2fa1e3b7d9c6a4f201\", \"references\": [{\"referenceId\": \"8d2f6a1c-3b4e-4f5a-9c7d-1e2f3a4b5c6d\", \"protectionDomain\": \"default\", \"keyVersion\": 1, \"modelVersion\": \"fr_feature.onnx@sha256:87aacdfe57510db2\", \"createdAt\": \"2026-11-22T05:00:00Z\"}]}"))
    @APIResponse(responseCode = "422", description = "FT-2003 quality (reasons list what to fix), FT-2001 no face, FT-2002 several faces", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-2003\", \"message\": \"The face does not meet the quality requirements; the reasons list what to fix.\", \"reasons\": [\"yaw\", \"sharpness\"]}"))
    @APIResponse(responseCode = "409", description = "FT-4004 consent missing, FT-4006 too many references")
    @APIResponse(responseCode = "403", description = "FT-6001: the image or the evidence was judged a presentation attack (when enrolment requires liveness); FT-6008: an image does not show the face whose liveness was judged (ALARM; nothing enrolled)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"code\": \"FT-6008\", \"message\": \"The face to enrol is not the face whose liveness was judged; nothing was enrolled.\", \"reasons\": [\"image 1\"]}"))
    @APIResponse(responseCode = "400", description = "FT-1000 no image (and no liveness evidence where it may replace the images), FT-6007 the MULTI_FRAME/CHALLENGE evidence is missing, FT-3003 malformed")
    public Response enrolJson(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        byte[] raw = read(body, headers);
        com.facetrust.domain.liveness.LivenessEvidence liveness = null;
        if (settings.liveness() == com.facetrust.domain.recognition.LivenessRequirement.MULTI_FRAME
                || settings.liveness() == com.facetrust.domain.recognition.LivenessRequirement.CHALLENGE) {
            liveness = livenessEvidence(raw);
        }
        List<byte[]> images = EnrolmentImages.fromJson(raw); // zeroes raw
        try {
            FaceEnrolment.EnrolmentResult result = enrolment.enrol(uid, images, liveness);
            return Response.status(Response.Status.CREATED).entity(new Enrolled(result.uid(), result.references()))
                    .build();
        } finally {
            EnrolmentImages.zero(images);
            com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson.zero(liveness);
        }
    }

    /** The {@code liveness} object of an enrolment body, or null when there is none. */
    private static com.facetrust.domain.liveness.LivenessEvidence livenessEvidence(byte[] raw) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(raw))) {
            jakarta.json.JsonObject json = reader.readObject();
            jakarta.json.JsonValue v = json.get("liveness");
            if (v == null || v.getValueType() != jakarta.json.JsonValue.ValueType.OBJECT) {
                return null;
            }
            return com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson.from(v.asJsonObject());
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            java.util.Arrays.fill(raw, (byte) 0);
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected JSON {\"images\": [\"<base64>\", ...], "
                    + "\"liveness\"?: {\"frames\": [{\"image\", \"t\"}], \"challengeNonce\"?}}");
        }
    }

    /**
     * Enrolment from {@code multipart/form-data}, one part named {@code image} per image; when
     * {@code facetrust.enrolment.liveness} is MULTI_FRAME or CHALLENGE also the evidence as {@code frame} parts,
     * {@code frameTimes} and {@code challengeNonce} ({@link EnrolmentImages#fromMultipartWithEvidence}), with the
     * same tie and "evidence only" enrolment as the JSON form.
     */
    @POST
    @Path("{uid}/references")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response enrolMultipart(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (settings.liveness() != com.facetrust.domain.recognition.LivenessRequirement.MULTI_FRAME
                && settings.liveness() != com.facetrust.domain.recognition.LivenessRequirement.CHALLENGE) {
            return enrol(uid, EnrolmentImages.fromMultipart(read(body, headers), contentType));
        }
        EnrolmentImages.WithEvidence parts = EnrolmentImages.fromMultipartWithEvidence(read(body, headers),
                contentType);
        try {
            FaceEnrolment.EnrolmentResult result = enrolment.enrol(uid, parts.images(), parts.liveness());
            return Response.status(Response.Status.CREATED).entity(new Enrolled(result.uid(), result.references()))
                    .build();
        } finally {
            EnrolmentImages.zero(parts.images());
            com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson.zero(parts.liveness());
        }
    }

    /** Enrolment from one raw image body. */
    @POST
    @Path("{uid}/references")
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    public Response enrolRaw(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        return enrol(uid, new java.util.ArrayList<>(List.of(read(body, headers))));
    }

    private byte[] read(InputStream body, HttpHeaders headers) {
        return RequestImages.readBounded(body, headers.getLength(), settings.maxRequestBytes());
    }

    private Response enrol(String uid, List<byte[]> images) {
        try {
            FaceEnrolment.EnrolmentResult result = enrolment.enrol(uid, images);
            return Response.status(Response.Status.CREATED).entity(new Enrolled(result.uid(), result.references()))
                    .build();
        } finally {
            EnrolmentImages.zero(images); // also zeroed by the EJB; here for the paths that never reach it
        }
    }

    // ---------------------------------------------------------------- non-face way in (A-7.1b, B-5.5.2)

    /**
     * Sets the subject's password for the non-face way in: {@code {"password": "..."}}; to change an existing one
     * also {@code "currentPassword"} and {@code "oneTimeCode"}. 204; 422 FT-4602 when the password breaks the
     * policy; 409 FT-4603 when one exists and no current credentials were sent; 403 FT-4011 when they are wrong.
     */
    @POST
    @Path("{uid}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "first password", value = "{\"password\": \"c0rrect-Horse-battery\"}"),
            @ExampleObject(name = "change", value = "{\"password\": \"n3w-Horse-battery\", "
                    + "\"currentPassword\": \"c0rrect-Horse-battery\", \"oneTimeCode\": \"492039\"}")}))
    public Response setPassword(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        jakarta.json.JsonObject json = smallJson(body, headers);
        credentials.setPassword(uid, chars(json, "password"), chars(json, "currentPassword"),
                json.getString("oneTimeCode", null));
        return Response.noContent().build();
    }

    /**
     * Checks the non-face way in: {@code {"password", "oneTimeCode", "channel"}} → 200
     * {@code {"transactionId","operation":"VERIFY","method":"PASSWORD_TOTP","decision":"MATCH"|"NO_MATCH",
     * "channel","decidedAt"}}, counted in the same VERIFY attempt counters as face verification; never says which
     * factor failed. Callers: client role {@code verify} or operators.
     */
    @POST
    @Path("{uid}/credential-verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.VERIFY})
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples =
            @ExampleObject(name = "password and one-time code", value = "{\"password\": \"c0rrect-Horse-battery\", "
                    + "\"oneTimeCode\": \"492039\", \"channel\": \"web\"}")))
    public com.facetrust.application.enrolment.CredentialDecision verifyCredentials(@PathParam("uid") String uid,
            InputStream body, @Context HttpHeaders headers) {
        jakarta.json.JsonObject json = smallJson(body, headers);
        // Who asks from where, as RequestOriginFilter recorded it for this request (validated device header, peer
        // address, token azp): the same facts the face verification's attempt counters use.
        return credentials.verify(new com.facetrust.application.enrolment.CredentialCheck(uid,
                chars(json, "password"), json.getString("oneTimeCode", null), json.getString("channel", null),
                requestOrigin.clientId(), requestOrigin.device(), requestOrigin.sourceAddress()));
    }

    // ---------------------------------------------------------------- history, purpose met (issue 4, A-7.3c)

    /** The subject's status history, oldest first (operators only). */
    @GET
    @Path("{uid}/history")
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public List<com.facetrust.application.enrolment.StatusChangeView> history(@PathParam("uid") String uid) {
        return registry.history(uid);
    }

    /** The purpose is met (A-7.3c): an operator schedules the subject's deletion. 202 with the subject. */
    @POST
    @Path("{uid}/purpose-met")
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public Response purposeMet(@PathParam("uid") String uid) {
        return Response.accepted(registry.purposeMet(uid)).build();
    }

    /** A small JSON object body (credentials): at most 4 KiB, read into memory and zeroed after parsing. */
    private static jakarta.json.JsonObject smallJson(InputStream body, HttpHeaders headers) {
        byte[] raw = RequestImages.readBounded(body, headers.getLength(), 4096);
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(raw))) {
            return reader.readObject();
        } catch (jakarta.json.JsonException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "expected a JSON object");
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    private static char[] chars(jakarta.json.JsonObject json, String field) {
        jakarta.json.JsonValue v = json.get(field);
        if (v == null || v.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != jakarta.json.JsonValue.ValueType.STRING) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, field + " must be a string");
        }
        return ((jakarta.json.JsonString) v).getString().toCharArray();
    }
}
