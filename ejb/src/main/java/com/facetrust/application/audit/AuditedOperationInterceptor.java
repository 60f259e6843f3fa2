package com.facetrust.application.audit;

import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one audit entry per {@link Audited} operation (A-8.6, A-7.2 d, D-8.2.5 b): after the method returns
 * (outcome "OK") or throws (the {@link FaceTrustException}'s code; anything else {@code FT-9999}). The entry is
 * committed in its own transaction by {@link AuditLog}, so a refused or rolled-back operation is logged too.
 *
 * <p>One entry per operation: a thread-local depth counter skips audited calls made from inside an audited call
 * (e.g. two-factor deregistration calling the registry's deregister).
 *
 * <p>If the entry cannot be written after a successful operation the operation fails (and its transaction rolls
 * back) — nothing happens unlogged. After a failed operation, the original failure is kept and the audit fault logged.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditedOperationInterceptor {
    private static final Logger LOG = Logger.getLogger(AuditedOperationInterceptor.class.getName());
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @EJB
    AuditLog auditLog;

    @Inject
    SubjectTargets targets;

    @AroundInvoke
    public Object audit(InvocationContext invocation) throws Exception {
        Audited audited = annotation(invocation.getMethod(), invocation.getTarget());
        int[] depth = DEPTH.get();
        if (audited == null || depth[0] > 0) {
            return invocation.proceed();
        }
        depth[0]++;
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            try {
                auditLog.record(AuditRecord.of(action(audited, invocation.getMethod()),
                        target(audited, invocation.getParameters(), null), outcome(e)));
            } catch (RuntimeException auditFault) {
                LOG.log(Level.SEVERE, "ALARM the audit entry of a failed " + action(audited, invocation.getMethod())
                        + " could not be written", auditFault);
            }
            throw e;
        } finally {
            depth[0]--;
        }
        auditLog.record(AuditRecord.of(action(audited, invocation.getMethod()),
                target(audited, invocation.getParameters(), result), "OK"));
        return result;
    }

    private static Audited annotation(Method method, Object target) {
        Audited a = method.getAnnotation(Audited.class);
        if (a == null && target != null) {
            a = target.getClass().getAnnotation(Audited.class);
        }
        return a;
    }

    private static String action(Audited audited, Method method) {
        return audited.action().isEmpty() ? method.getName() : audited.action();
    }

    static String outcome(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FaceTrustException f) {
                return f.failureCode().code();
            }
            if (t instanceof EJBAccessException) {
                return FailureCode.FORBIDDEN.code();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureCode.INTERNAL_ERROR.code();
    }

    private String target(Audited audited, Object[] parameters, Object result) {
        int index = audited.subjectParameter();
        if (index >= 0 && parameters != null && index < parameters.length) {
            return parameters[index] instanceof String uid ? targets.of(uid) : null;
        }
        if (index == Audited.RESULT && result != null) {
            try {
                Object uid = result.getClass().getMethod("uid").invoke(result);
                return uid instanceof String s ? targets.of(s) : null;
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }
}
