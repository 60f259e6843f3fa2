package com.facetrust.application.audit;

import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.interceptor.InvocationContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code @Audited} interceptor alone (A-8.6, A-7.2 d), with a recording {@link AuditLog} and a fixed pseudonym
 * function: one entry per operation with outcome OK, the failure's code or FT-9999; target from the named parameter
 * or the result; nested audited calls leave only the outer entry; a failed audit write fails a successful operation
 * but never hides the original failure.
 */
class AuditedOperationInterceptorTest {
    private static final String UID = "0123456789abcdef0123456789abcdef";

    /** Stand-in for the business bean; only its annotations matter. */
    static class Operations {
        @Audited(action = "SUBJECT_READ", subjectParameter = 0)
        public Object find(String uid) { return null; }

        @Audited(action = "SUBJECT_CREATE", subjectParameter = Audited.RESULT)
        public Object create() { return null; }

        @Audited(action = "SERVICE_STOP")
        public Object stop() { return null; }

        public Object notAudited() { return null; }
    }

    public record Created(String uid) {
    }

    private final List<AuditRecord> written = new ArrayList<>();
    private final AuditedOperationInterceptor interceptor = new AuditedOperationInterceptor();

    AuditedOperationInterceptorTest() {
        interceptor.auditLog = record -> {
            written.add(record);
            return written.size();
        };
        interceptor.targets = new SubjectTargets() {
            @Override
            public String of(String uid) {
                return uid == null ? null : "pseudonym-of-" + uid;
            }
        };
    }

    private Object invoke(String method, Object[] parameters, Callable<Object> body) throws Exception {
        Method m = Operations.class.getMethod(method, parameters.length == 1 ? new Class<?>[]{String.class}
                : new Class<?>[0]);
        return interceptor.audit(new FakeInvocation(m, parameters, body));
    }

    @Test
    void successIsOneEntryWithThePseudonymOfTheNamedParameter() throws Exception {
        Object result = new Object();
        assertSame(result, invoke("find", new Object[]{UID}, () -> result));
        assertEquals(1, written.size());
        assertEquals("SUBJECT_READ", written.get(0).action());
        assertEquals("pseudonym-of-" + UID, written.get(0).target());
        assertEquals("OK", written.get(0).outcome());
    }

    @Test
    void theTargetCanComeFromTheResultOrBeAbsent() throws Exception {
        invoke("create", new Object[0], () -> new Created(UID));
        invoke("stop", new Object[0], () -> 3);
        assertEquals("pseudonym-of-" + UID, written.get(0).target());
        assertNull(written.get(1).target());
    }

    @Test
    void aFailureIsLoggedWithItsCodeAndRethrown() {
        FaceTrustException refused = new FaceTrustException(FailureCode.SUBJECT_UNKNOWN, "no such subject");
        assertSame(refused, assertThrows(FaceTrustException.class,
                () -> invoke("find", new Object[]{UID}, () -> { throw refused; })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> invoke("find", new Object[]{UID}, () -> { throw bug; })));
        assertEquals("FT-4003", written.get(0).outcome());
        assertEquals("FT-9999", written.get(1).outcome());
    }

    @Test
    void nestedAuditedCallsLeaveOnlyTheOuterEntry() throws Exception {
        invoke("create", new Object[0], () -> {
            invoke("find", new Object[]{UID}, () -> null);
            return new Created(UID);
        });
        assertEquals(1, written.size());
        assertEquals("SUBJECT_CREATE", written.get(0).action());
        invoke("find", new Object[]{UID}, () -> null); // the depth was reset
        assertEquals(2, written.size());
    }

    @Test
    void unannotatedMethodsAreNotLogged() throws Exception {
        interceptor.audit(new FakeInvocation(Operations.class.getMethod("notAudited"), new Object[0], () -> 1));
        assertEquals(0, written.size());
    }

    @Test
    void anAuditFaultFailsASuccessfulOperationButNeverHidesAFailure() {
        interceptor.auditLog = record -> {
            throw new FaceTrustException(FailureCode.AUDIT_LOG_UNAVAILABLE, "down");
        };
        FaceTrustException fault = assertThrows(FaceTrustException.class,
                () -> invoke("find", new Object[]{UID}, () -> 1));
        assertEquals(FailureCode.AUDIT_LOG_UNAVAILABLE, fault.failureCode());
        FaceTrustException refused = new FaceTrustException(FailureCode.CONSENT_MISSING, "no consent");
        assertSame(refused, assertThrows(FaceTrustException.class,
                () -> invoke("find", new Object[]{UID}, () -> { throw refused; })));
    }

    private record FakeInvocation(Method method, Object[] parameters, Callable<Object> body)
            implements InvocationContext {
        @Override public Object getTarget() { return new Operations(); }
        @Override public Object getTimer() { return null; }
        @Override public Method getMethod() { return method; }
        @Override public Constructor<?> getConstructor() { return null; }
        @Override public Object[] getParameters() { return parameters; }
        @Override public void setParameters(Object[] params) { }
        @Override public Map<String, Object> getContextData() { return Map.of(); }
        @Override public Object proceed() throws Exception { return body.call(); }
    }
}
