package com.facetrust.application.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a business method as an operation on face or related data that must leave one audit entry (A-8.6, A-7.2 d):
 * {@link AuditedOperationInterceptor} writes it with outcome "OK" or the failure code, and as target the keyed
 * pseudonym of the subject UID named by {@link #subjectParameter}. Nested audited calls (one audited bean calling
 * another) leave only the outer entry.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {
    /** No subject: the entry has no target. */
    int NO_SUBJECT = -1;
    /** The subject is the one the method returns (its {@code uid()} accessor), e.g. a newly registered subject. */
    int RESULT = -2;

    /** The action recorded, e.g. ENROL, SUBJECT_READ, CONSENT_WITHDRAW. */
    @Nonbinding
    String action() default "";

    /** Index of the parameter holding the subject UID, or {@link #NO_SUBJECT} / {@link #RESULT}. */
    @Nonbinding
    int subjectParameter() default NO_SUBJECT;
}
