package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FailureCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The JSON body of every failure the API returns: {@code {"code":"FT-3001","message":"...","reasons":[...]}}.
 * The status comes from the code (A-5.7.5.2), so a code always means the same status.
 *
 * @param code    the stable failure code, e.g. {@code FT-3001}
 * @param message what went wrong, for a person; never a stack trace or internal detail
 * @param reasons machine-readable reasons (e.g. failed quality checks); empty when there are none
 */
public record FailureBody(String code, String message, List<String> reasons) {

    /** The challenge that goes with every 401 (RFC 6750). */
    static final String BEARER_CHALLENGE = "Bearer realm=\"facetrust\"";

    public FailureBody {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static Response response(FailureCode failure, String message) {
        return response(failure, failure.httpStatus(), message, List.of());
    }

    public static Response response(FailureCode failure, String message, List<String> reasons) {
        return response(failure, failure.httpStatus(), message, reasons);
    }

    /**
     * A response whose status differs from the code's usual one — only for generic request faults where the HTTP
     * status carries the detail (405, 406, 415 all use {@link FailureCode#BAD_REQUEST}).
     */
    public static Response response(FailureCode failure, int status, String message, List<String> reasons) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new FailureBody(failure.code(), message, reasons));
        if (status == 401) {
            builder.header("WWW-Authenticate", BEARER_CHALLENGE);
        }
        return builder.build();
    }
}
