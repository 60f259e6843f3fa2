package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An unreadable JSON body is the caller's 400, never the catch-all 500. */
class UnreadableBodyMapperTest {

    @Test
    void bindingErrorIs400AndAWrappedCodeKeepsItsOwn() {
        UnreadableBodyMapper mapper = new UnreadableBodyMapper();
        Response bad = mapper.toResponse(new ProcessingException("RESTEASY008200: JSON Binding deserialization error",
                new IllegalArgumentException("No enum constant NONSENSE")));
        assertEquals(400, bad.getStatus());
        assertEquals("FT-3003", ((FailureBody) bad.getEntity()).code());

        Response coded = mapper.toResponse(new ProcessingException("reading",
                new FaceTrustException(FailureCode.REQUEST_TOO_LARGE, "too large")));
        assertEquals(413, coded.getStatus());
        assertEquals("FT-3005", ((FailureBody) coded.getEntity()).code());
    }
}
