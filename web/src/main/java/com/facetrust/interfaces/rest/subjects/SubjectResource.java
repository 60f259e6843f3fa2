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

import java.io.InputStream;
import java.util.List;

/**
 * Subjects, consents, face references and deregistration under {@code /api/v1/subjects} (issue 4). Callers: data
 * operators (realm role {@code operator}) and internal applications with the client role {@code enrol}; the EJBs
 * behind check the same roles again.
 */
@Path("/subjects")
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
    public SubjectView find(@PathParam("uid") String uid) {
        return registry.find(uid);
    }

    @POST
    @Path("{uid}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubjectView giveConsent(@PathParam("uid") String uid, NewConsent body) {
        if (body == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "body {purpose, noticeVersion, channel} required");
        }
        return registry.giveConsent(uid, new ConsentGrant(body.purpose(), body.noticeVersion()), body.channel());
    }

    @POST
    @Path("{uid}/consents/{purpose}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
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
    public Response deregister(@PathParam("uid") String uid) {
        return Response.accepted(registry.deregister(uid)).build();
    }

    @GET
    @Path("{uid}/references")
    public List<ReferenceView> references(@PathParam("uid") String uid) {
        return ledger.references(uid);
    }

    @DELETE
    @Path("{uid}/references/{referenceId}")
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
     * replace every reference in one XA transaction. 201 with the new references.
     */
    @POST
    @Path("{uid}/re-enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
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
        List<byte[]> images = EnrolmentImages.fromJson(copy); // zeroes copy
        try {
            FaceEnrolment.EnrolmentResult result = verification.reEnrolVerified(uid, probe, code, images);
            return Response.status(Response.Status.CREATED).entity(new Enrolled(result.uid(), result.references()))
                    .build();
        } finally {
            EnrolmentImages.zero(images);
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
    public IntegrityChecked checkIntegrity(@PathParam("uid") String uid) {
        return new IntegrityChecked(uid, ledger.checkTemplates(uid));
    }

    /** Enrolment from {@code {"images": ["<base64>", ...]}}. */
    @POST
    @Path("{uid}/references")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrolJson(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        return enrol(uid, EnrolmentImages.fromJson(read(body, headers)));
    }

    /** Enrolment from {@code multipart/form-data}, one part named {@code image} per image. */
    @POST
    @Path("{uid}/references")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response enrolMultipart(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return enrol(uid, EnrolmentImages.fromMultipart(read(body, headers), contentType));
    }

    /** Enrolment from one raw image body. */
    @POST
    @Path("{uid}/references")
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    public Response enrolRaw(@PathParam("uid") String uid, InputStream body, @Context HttpHeaders headers) {
        return enrol(uid, new java.util.ArrayList<>(List.of(read(body, headers))));
    }

    private byte[] read(InputStream body, HttpHeaders headers) {
        return EnrolmentImages.readBounded(body, headers.getLength(), settings.maxRequestBytes());
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
}
