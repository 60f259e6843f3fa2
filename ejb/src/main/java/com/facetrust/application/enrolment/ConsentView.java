package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;

import java.time.Instant;

/** A consent record as the API shows it (A-7.1a: given and withdrawn, each with time and channel). */
public record ConsentView(ConsentPurpose purpose, String noticeVersion, String channel, Instant givenAt,
                          Instant withdrawnAt, String withdrawalChannel, Instant retainUntil, boolean effective,
                          String evidence) {

    static ConsentView of(ConsentRecord c, Instant now) {
        return new ConsentView(c.purpose(), c.noticeVersion(), c.channel(), c.givenAt(), c.withdrawnAt(),
                c.withdrawalChannel(), c.retainUntil(), c.isEffectiveAt(now), c.evidence());
    }
}
