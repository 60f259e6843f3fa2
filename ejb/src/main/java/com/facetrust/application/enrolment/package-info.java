/**
 * Subjects, consents and face enrolment (issue 4, A-7.2a, D-6.2, D-8.2.2c, D-8.2.5a): the
 * versioned consent notices, the registry that creates subjects and records consents, and the enrolment service
 * that turns images into protected face references — quality gate with reasons, template protection under the
 * subject's data key and keyed pseudonym, one XA transaction over both stores, images discarded right after use.
 */
package com.facetrust.application.enrolment;
