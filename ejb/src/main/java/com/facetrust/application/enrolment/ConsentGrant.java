package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.ConsentPurpose;

/** A consent as the subject gave it: the purpose and the notice version the subject was shown. */
public record ConsentGrant(ConsentPurpose purpose, String noticeVersion) {
}
