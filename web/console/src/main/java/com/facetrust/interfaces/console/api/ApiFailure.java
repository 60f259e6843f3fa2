package com.facetrust.interfaces.console.api;

/**
 * The API refused or failed a call made for the logged-in person: the HTTP status and the FaceTrust failure code and
 * message of the API's JSON body ({@code {"code":"FT-…","message":…}}, docs/error-codes.md). Pages show these to the
 * person instead of an error page; a status 403 means the server-side role check (REST layer and EJB) refused them.
 */
public class ApiFailure extends RuntimeException {
    private final int status;
    private final String code;

    public ApiFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status the API answered with (0 when it could not be reached). */
    public int status() {
        return status;
    }

    /** The FaceTrust failure code, e.g. FT-3002; "" when the body carried none. */
    public String code() {
        return code;
    }

    /** True when the server's role checks refused the person (FT-3002, HTTP 403). */
    public boolean refused() {
        return status == 403;
    }

    /** One line for the page: code and message. */
    public String describe() {
        return (code.isEmpty() ? "HTTP " + status : code) + ": " + getMessage();
    }
}
